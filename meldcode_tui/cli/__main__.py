"""`python -m meldcode_tui.cli`: the same as the `meldcode` command."""

from meldcode_tui.cli.start import main

main()
