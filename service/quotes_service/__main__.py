import sys

from quotes_service.server.launch import main

sys.exit(main(prog="python -m quotes_service"))
