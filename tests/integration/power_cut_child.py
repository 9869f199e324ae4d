"""The child process of test_power_cut: signs in, then registers cases until it is killed.

Usage: python -m tests.integration.power_cut_child FOLDER FIRST

Prints "signing-in", then "ready" once signed in, then each case number only AFTER the commit
that registered it returned, flushing every line: a number on stdout is a promise the parent
checks after it SIGKILLs this process at a random moment.
"""

from __future__ import annotations

import sys
from pathlib import Path


def main(folder: str, first: int) -> int:
    print("signing-in", flush=True)
    from tests.support import ADMIN, ADMIN_PASSPHRASE, make_workspace, register_case

    opened = make_workspace(Path(folder)).sign_in(ADMIN, ADMIN_PASSPHRASE)
    print("ready", flush=True)
    n = first
    while n < first + 100_000:  # killed long before
        dispute = register_case(
            opened,
            name=f"Test Person {n}",
            phone=f"+2547{n:08d}",
            village="Test Village",
            description="A test narrative of the dispute. " * (n % 40),
            category="gbv" if n % 5 == 0 else "land_boundary",  # every 5th is restricted
            respondent=f"Test Respondent {n}",
        )
        print(dispute.number, flush=True)
        n += 1
    opened.close()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], int(sys.argv[2])))
