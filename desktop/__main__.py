"""`python -m desktop` and the `suluhu` console script."""

import sys


def main() -> int:
    from desktop.cli import run

    return run(sys.argv[1:])


if __name__ == "__main__":
    sys.exit(main())
