import sys

from quotes_service.launch import main

sys.exit(main(prog="python -m quotes_service"))
