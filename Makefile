# Two commands: `make run` starts the studio, `make test` runs every check.
# Both create .venv and install the project into it when it is missing or
# older than pyproject.toml.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed

# Debian packages that Qt's xcb platform and VTK need under Xvfb. Qt Virtual
# Keyboard, the kiosk's keyboard, loads libpulse.so.0 (libpulse0) through
# the QtMultimedia module of its QML components.
DEB_PACKAGES := xvfb xauth libgl1 libegl1 libfontconfig1 libglib2.0-0 \
	libdbus-1-3 libxkbcommon0 libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 \
	libxcb-image0 libxcb-keysyms1 libxcb-render-util0 libxcb-shape0 libxcb-xkb1 \
	fonts-noto-cjk fonts-droid-fallback poppler-utils zbar-tools libpulse0

.PHONY: run test system-deps

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

run: $(STAMP)
	$(PY) main.py

system-deps:
	@missing=$$(for p in $(DEB_PACKAGES); do \
		dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'install ok installed' || echo $$p; \
	done); \
	if [ -n "$$missing" ]; then \
		if [ "$$(id -u)" = 0 ]; then \
			apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
		else \
			echo "Missing system packages. Install them with:"; \
			echo "  sudo apt-get install -y" $$missing; \
			exit 1; \
		fi; \
	fi

# The GUI tests run one file per process: each file opens and closes many
# VTK windows, and a fresh process keeps one file's leftovers from the next.
# NOTE: GUI test processes used to crash now and then (segmentation fault,
# abort, or a Qt call misreading its arguments); PySide6 6.12.0 freed True
# after some thousands of signals, and pyproject.toml now keeps it out. In
# case another cause remains, a file that crashes runs once more, a file
# with failed tests runs those tests once more (--last-failed), and the
# target fails if the second run fails too.
GUI_TESTS = tests/rendering $(sort $(wildcard tests/app/test_*.py))

test: $(STAMP) system-deps
	$(VENV)/bin/lint-imports
	$(VENV)/bin/ruff check .
	@if [ -n "$$DISPLAY" ]; then run=""; \
	else run="xvfb-run -a -s '-screen 0 1600x1000x24'"; fi; \
	eval $$run $(PY) -m pytest $(PYTEST_ARGS) --ignore=tests/app \
		--ignore=tests/rendering || exit 1; \
	for target in $(GUI_TESTS); do \
		eval $$run $(PY) -m pytest $(PYTEST_ARGS) $$target; status=$$?; \
		if [ $$status -gt 128 ]; then \
			echo "NOTE: $$target crashed (exit $$status) in VTK or Qt; running it again"; \
			eval $$run $(PY) -m pytest $(PYTEST_ARGS) $$target; status=$$?; \
		elif [ $$status -eq 1 ]; then \
			echo "NOTE: $$target failed; running its failed tests again"; \
			eval $$run $(PY) -m pytest $(PYTEST_ARGS) --last-failed $$target; status=$$?; \
		fi; \
		[ $$status -eq 0 ] || exit 1; \
	done
