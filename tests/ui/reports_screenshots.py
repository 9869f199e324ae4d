"""The Reports page for review, in the main window at 1366x768, at normal size, 150 % text and
right-to-left, over the 1,500-case demo of tests.ui.reports_setup: the preview of last month,
then (after saving an export and its summary into a temporary folder) the export log tab, and
the summary PDF's pages at 60 dpi (pdftoppm). ``python -m tests.ui.reports_screenshots OUTDIR``.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import shutil  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
import tempfile  # noqa: E402
from pathlib import Path  # noqa: E402

from PySide6.QtWidgets import QApplication  # noqa: E402

from desktop.views import appearance  # noqa: E402
from tests.ui.screenshots import SCREEN, VARIANTS, close_all, save, settle  # noqa: E402


def reports_screens(folder: Path, outdir: Path, suffix: str) -> None:
    from desktop.views.main_window import MainWindow
    from tests.support import ADMIN, ADMIN_PASSPHRASE, make_workspace

    opened = make_workspace(folder).sign_in(ADMIN, ADMIN_PASSPHRASE)
    try:
        window = MainWindow(opened)
        window.resize(*SCREEN)
        window.show()
        window.show_page("reports")
        page = window.reports_page
        assert page is not None
        settle(lambda: page.preview is not None, timeout=30)
        page.show_table("received_by_category_and_sex")
        save(window, outdir, f"reports-page-{suffix}", full_screen=True)
        exports = Path(tempfile.mkdtemp())
        page.save_export(exports / "export.suluhu-export")
        settle(lambda: not page.beside_button.isHidden(), timeout=30)
        page.save_summary_beside()
        settle(lambda: (exports / "export.pdf").exists(), timeout=30)
        save(window, outdir, f"reports-saved-{suffix}", full_screen=True)
        assert page.log_panel is not None
        page.tabs.setCurrentWidget(page.log_panel)
        settle(lambda: page.log_panel is not None and page.log_panel.model.rowCount() > 0)
        save(window, outdir, f"reports-log-{suffix}", full_screen=True)
        if suffix == "normal" and shutil.which("pdftoppm"):
            prefix = outdir / "reports-summary-beside-page"
            subprocess.run(
                ["pdftoppm", "-png", "-r", "60", str(exports / "export.pdf"), str(prefix)],
                check=True,
            )
        shutil.rmtree(exports)
    finally:
        close_all()
        opened.close()


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python -m tests.ui.reports_screenshots OUTDIR", file=sys.stderr)
        return 2
    from desktop import i18n
    from tests.ui.reports_setup import demo_folder

    outdir = Path(argv[0])
    outdir.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(["suluhu-screenshots"])
    assert isinstance(app, QApplication)
    i18n.install(app, "en")
    base_font = app.font()
    folder = demo_folder(Path(tempfile.mkdtemp()) / "ws")
    for suffix, scale, direction in VARIANTS:
        app.setFont(base_font)
        appearance.apply(app, text_scale=scale)
        app.setLayoutDirection(direction)
        reports_screens(folder, outdir, suffix)
    print(f"{len(list(outdir.glob('reports-*.png')))} screenshots in {outdir}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
