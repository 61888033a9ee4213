"""The file to give spark-submit: ``quotes spark``'s job with spark-submit's master and configuration.

    spark-submit --master yarn "$(python -c 'import quotes.spark.submit as s; print(s.__file__)')" \\
        --input hdfs:///corpus/ --output hdfs:///quotes/ [--format parquet]
"""
import sys

from quotes.cli import main

if __name__ == "__main__":
    sys.exit(main(["spark", *sys.argv[1:]]))
