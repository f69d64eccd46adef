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
	fonts-noto-cjk fonts-droid-fallback poppler-utils zbar-tools libpulse0 \
	python3-venv

.PHONY: run test system-deps

# pyproject.toml allows Python 3.11 only. A .venv made by another version
# is refused with the command that replaces it.
$(STAMP): pyproject.toml
	@command -v $(PYTHON) >/dev/null || { \
		echo "$(PYTHON) not found: install Python 3.11, or run '$(strip make $(MAKECMDGOALS)) PYTHON=/path/to/python3.11'"; \
		exit 1; }
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' || { \
		echo "$(PYTHON) is Python $$($(PYTHON) -c 'import platform; print(platform.python_version())'); Atelier needs 3.11: run '$(strip make $(MAKECMDGOALS)) PYTHON=python3.11'"; \
		exit 1; }
	@if [ -x $(PY) ] && ! $(PY) -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))'; then \
		echo "$(VENV) was made by another Python version: remove it with 'rm -rf $(VENV)' and run make again"; \
		exit 1; fi
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

# The suite runs on WORKERS processes (pytest-xdist), each with its own
# Xvfb display (pytest-xvfb), and each test file stays on one worker. The
# kiosk's keyboard tests run in a process of their own, because Qt Virtual
# Keyboard becomes the input method only when it is chosen before the
# process creates its QApplication.
# NOTE: a process that crashes in VTK or Qt, or a test that fails, gets one
# more run of the failed tests (--last-failed), and the target fails if that
# run fails too. Only a run that ended with failed tests (exit status 1) gets
# it: a run cut short, with tests never run, fails at once
# (tests/worker_crashes.py).
WORKERS ?= 2
KEYBOARD_TESTS := tests/app/test_kiosk_keyboard.py

test: system-deps $(STAMP)
	$(VENV)/bin/lint-imports
	$(VENV)/bin/ruff check .
	$(PY) -m pytest $(PYTEST_ARGS) -n $(WORKERS) --dist loadfile \
		--ignore=$(KEYBOARD_TESTS); \
	status=$$?; \
	if [ $$status -eq 1 ]; then \
		echo "NOTE: running the failed tests again"; \
		$(PY) -m pytest $(PYTEST_ARGS) --last-failed \
			--ignore=$(KEYBOARD_TESTS); \
	else \
		exit $$status; \
	fi
	$(PY) -m pytest $(PYTEST_ARGS) $(KEYBOARD_TESTS) \
	|| { echo "NOTE: running the failed keyboard tests again"; \
		$(PY) -m pytest $(PYTEST_ARGS) --last-failed $(KEYBOARD_TESTS); }
