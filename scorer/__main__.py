"""``python -m scorer``: the same as the ``scorer`` command."""

from scorer.cli import main

if __name__ == "__main__":
    main()
