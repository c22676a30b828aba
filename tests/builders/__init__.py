"""What tests build again and again, in one place: cases, parties in a room, interests, signed
settlements, processes and ports, a mail catcher, sockets on the centre's dashboard.

Test modules import from here and never from each other (``tests/test_test_layout.py`` keeps it
so). The benchmarks in ``bench/`` import from here too instead of copying. This package imports
nothing itself, so ``tests.builders.cases`` costs what that one module costs.
"""
