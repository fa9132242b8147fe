"""`python -m gigawatt` runs the command line."""

from gigawatt.cli import main

if __name__ == "__main__":
    main()
