# RightsDesk: two commands for a fresh Debian/Ubuntu machine.
#   make run    install what is missing, build, and launch the desktop app
#   make test   install what is missing and run every test (and the package)
#   make deb    the Debian package (target/release/bundle/deb/)
# Both work as root or through sudo, and can be run again safely.

CARGO ?= cargo
APP := target/release/rightsdesk-app
APP_FEATURES := --features custom-protocol

.PHONY: run test deps test-deps ui app cli deb package lint unit e2e bindings bench clean

run: deps app
	./$(APP)

deps:
	scripts/deps.sh

test-deps:
	scripts/deps.sh --test

ui:
	cd ui && npm run build

# The app embeds ui/dist, so the UI is built first.
app: ui
	$(CARGO) build --release -p rightsdesk-app $(APP_FEATURES)

cli:
	$(CARGO) build --release -p rightsdesk-cli

# The Debian package (Tauri's bundler over the release build): the app, the
# rightsdesk CLI in /usr/bin (the same binary), the desktop entry and icons.
# Lands in target/release/bundle/deb/. See packaging/deb.sh.
deb: app
	packaging/deb.sh

# Installs that package on this machine, starts the installed app under Xvfb
# and sees its first screen, runs the installed CLI, and removes it again.
package: deb
	scripts/with-keyring.sh scripts/package-test.sh

test: test-deps lint unit app e2e package
	@echo "make test: all suites passed"

lint:
	$(CARGO) fmt --all --check
	$(CARGO) clippy --workspace --all-targets --locked -- -D warnings
	cd ui && npm run check

# Rust unit + integration tests, the bindings drift check (in the app crate),
# and the UI unit tests. Under scripts/with-keyring.sh (a real gnome-keyring on
# a private session bus) so the tests of the keyring itself run too: they are
# #[ignore]d elsewhere, as they talk to this process's own session bus.
unit: ui
	scripts/with-keyring.sh $(CARGO) nextest run --workspace --locked --no-fail-fast
	scripts/with-keyring.sh $(CARGO) nextest run --workspace --locked --no-fail-fast --run-ignored only -E 'test(/^keyring::/)'
	cd ui && npm test

e2e:
	scripts/with-keyring.sh scripts/e2e.sh

# Regenerates ui/src/lib/bindings.ts from the Rust commands; commit the result.
bindings:
	UPDATE_BINDINGS=1 $(CARGO) test -p rightsdesk-app --test bindings

# Start-up and memory against a bare Tauri window built the same way.
bench: app
	$(CARGO) build --release -p bare-window --features bare-window/custom-protocol
	scripts/with-keyring.sh xvfb-run -a -s "-screen 0 1280x800x24" python3 bench/startup.py

clean:
	$(CARGO) clean
	rm -rf ui/dist ui/node_modules
