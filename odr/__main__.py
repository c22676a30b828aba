import sys

from odr.cli import main

sys.exit(main())
