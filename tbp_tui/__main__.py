import sys

from tbp_tui.cli import main

sys.exit(main())
