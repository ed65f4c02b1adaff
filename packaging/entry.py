"""Entry point of the portable build: the same `meldcode` command the wheel installs."""

from meldcode_tui.cli import main

if __name__ == "__main__":
    main()
