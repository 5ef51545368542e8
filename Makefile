# bosun: everything is built from here. Two entry points matter to users:
#   make demo   builds everything and boots the demo container
#   make test   builds everything and runs every test suite
# Each installs the Debian packages it needs (packaging/prereqs).

ARCH ?= x86_64
BUILD := build/$(ARCH)
DEPS := $(BUILD)/deps
CACHE := build/cache
DIST := dist
JOBS ?= $(shell nproc)

# Per-architecture settings (README, "Architectures and tarball sizes"):
#   CC_A      the musl compiler: musl-gcc, or the cross wrapper that Debian's
#             musl-dev:DEBARCH ships (a specs file around the GNU cross gcc)
#   CROSS_A   the prefix of the GNU cross binutils (strip, ar, ranlib)
#   TARGET_A  the triple skalibs and execline are configured for (the
#             prefix of CC_A, or their configure warns)
# Debian's names (arm64, armhf, i386) are in packaging/prereqs and
# packaging/busybox-arch.
# i686 programs run natively on x86_64 kernels (IA32 emulation); aarch64 and
# armhf ones through qemu-user-static (packaging/binfmt).
CC_x86_64 := musl-gcc
CC_aarch64 := aarch64-linux-musl-gcc
CC_armhf := arm-linux-musleabihf-gcc
CC_i686 := i386-linux-musl-gcc
CROSS_aarch64 := aarch64-linux-gnu-
CROSS_armhf := arm-linux-gnueabihf-
CROSS_i686 := i686-linux-gnu-
TARGET_aarch64 := aarch64-linux-musl
TARGET_armhf := arm-linux-musleabihf
TARGET_i686 := i386-linux-musl
CC := $(CC_$(ARCH))
CROSS := $(CROSS_$(ARCH))
TARGET := $(TARGET_$(ARCH))
STRIP := $(CROSS)strip
ARCHES := x86_64 aarch64 armhf i686
# the architectures other than x86_64, booted by make test-arch ARCH=A
CROSS_ARCHES := $(filter-out x86_64,$(ARCHES))
ifeq ($(CC),)
$(error ARCH=$(ARCH) is not supported: use one of $(ARCHES))
endif
# the Debian packages the build needs: a cross compiler except for x86_64
PREREQS_BUILD := $(if $(CROSS),$(ARCH),build)

WARN := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes
CFLAGS := -std=c99 -D_XOPEN_SOURCE=700 -D_DEFAULT_SOURCE -Os -pipe $(WARN) \
  -ffunction-sections -fdata-sections
CPPFLAGS := -I$(DEPS)/include -Iinit/lib -Iinit -Iinit/supervise -Istages -Itools
LDFLAGS := -static -Wl,--gc-sections

.PHONY: all prereqs deps bosun execline dist test unit e2e demo bench lint clean distclean fuzz
all: bosun execline

prereqs:
	@packaging/prereqs $(PREREQS_BUILD)

include packaging/versions.mk
include packaging/deps.mk

# The multicall binary: every .c under init/, stages/ and tools/ goes into
# libbosun.a except tools/bosun.c, which holds main() and the applet table.
SRC := $(sort $(wildcard init/*.c init/*/*.c stages/*.c tools/*.c))
LIBSRC := $(filter-out tools/bosun.c,$(SRC))
OBJ := $(SRC:%.c=$(BUILD)/obj/%.o)
LIBOBJ := $(LIBSRC:%.c=$(BUILD)/obj/%.o)

$(BUILD)/obj/%.o: %.c $(DEPS)/.built | prereqs
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) -MMD -MP -c -o $@ $<

$(BUILD)/libbosun.a: $(LIBOBJ)
	@rm -f $@
	$(DEPS_AR) rcs $@ $^

$(BUILD)/bosun: $(BUILD)/obj/tools/bosun.o $(BUILD)/libbosun.a $(DEPS)/.built
	$(CC) $(LDFLAGS) -o $@ $(BUILD)/obj/tools/bosun.o $(BUILD)/libbosun.a \
	  -L$(DEPS)/lib -lexecline -lskarnet
	$(STRIP) $@

bosun: $(BUILD)/bosun

-include $(OBJ:.o=.d)

# Unit tests: every tests/unit/*.c with the runner, against libbosun.a.
UNITSRC := $(sort $(wildcard tests/unit/*.c))
UNITOBJ := $(UNITSRC:%.c=$(BUILD)/obj/%.o)
# unit objects depend on the headers they include, as the others do
-include $(UNITOBJ:.o=.d)

$(BUILD)/unit-tests: $(UNITOBJ) $(BUILD)/libbosun.a $(DEPS)/.built
	$(CC) $(LDFLAGS) -o $@ $(UNITOBJ) $(BUILD)/libbosun.a -L$(DEPS)/lib -lexecline -lskarnet

unit: $(BUILD)/unit-tests
	$(BUILD)/unit-tests

# make test: unit tests, then every bats suite through the container
# harness; ends with one "N passed, N failed" line for all of them.
# It also cross-builds the tarballs of each of TEST_ARCHES and boots them
# (the subset of test-arch below; the cost of each is in the README), and
# runs tests/docker against a private dockerd.
TEST_ARCHES := aarch64 armhf i686
test:
	@packaging/prereqs test
	@for a in $(TEST_ARCHES); do packaging/prereqs test-$$a || exit; done
	@packaging/prereqs docker
	$(MAKE) -j$(JOBS) all
	$(MAKE) dist
	for a in $(TEST_ARCHES); do $(MAKE) ARCH=$$a -j$(JOBS) all && $(MAKE) ARCH=$$a dist || exit; done
	$(MAKE) $(BUILD)/unit-tests
	$(MAKE) -f tests/harness/Makefile
	$(MAKE) lint
	@# i686 boots natively, through the kernel's IA32 emulation; a kernel
	@# built without it (some VM kernels) cannot run it at all (and
	@# qemu-i386 does not run these suites faithfully): that subset is then
	@# left out, said on stderr before and after the run, never counted.
	set -e; arches= ; skipped= ; for a in $(TEST_ARCHES); do \
	  rc=0 ; [ $$a != i686 ] || build/i686/bosun true >/dev/null 2>&1 || rc=$$? ; \
	  if [ $$rc -ge 126 ]; then skipped="$$skipped $$a" ; \
	    echo "make test: warning: this kernel cannot run i386 programs (no IA32 emulation): the i686 boot subset is NOT run here" >&2 ; continue ; fi ; \
	  packaging/binfmt $$a build/$$a/bosun ; arches="$$arches $$a" ; done ; \
	set -- ; for a in $$arches; do set -- "$$@" --set ARCH=$$a --set "BATS_FILTER=$(ARCH_TESTS)" $(ARCH_SUITES) ; done ; \
	rc=0 ; tests/run-all $(BUILD)/unit-tests "$$@" || rc=$$? ; \
	[ -z "$$skipped" ] || echo "make test: warning: not run on this kernel: the boot subset of$$skipped" >&2 ; \
	exit $$rc

e2e:
	tests/run-all --no-unit

# make soak: the faults of tests/e2e/faults.bats for SOAK_MINUTES (default
# 5), the time shared out between its looping tests (SOAK_SECONDS each,
# rounds until it is spent instead of 20). Not part of make test.
SOAK_MINUTES ?= 5
.PHONY: soak
soak:
	@packaging/prereqs test
	$(MAKE) -j$(JOBS) all
	$(MAKE) dist
	$(MAKE) -f tests/harness/Makefile
	n=$$(grep -c 'while fault_round' tests/e2e/faults.bats) && \
	  SOAK_SECONDS=$$(( $(SOAK_MINUTES) * 60 / n )) bats tests/e2e/faults.bats

demo:
	@packaging/prereqs test
	$(MAKE) -j$(JOBS) all
	$(MAKE) dist
	$(MAKE) -f tests/harness/Makefile
	examples/demo/run

clean:
	rm -rf build/$(ARCH) build/harness $(DIST)

distclean:
	rm -rf build $(DIST)

include packaging/dist.mk
include tests/fuzz/Makefile

# Static checks: the same sources under clang (-Werror), clang-tidy and
# cppcheck, all against musl's headers. Part of make test.
LINTSRC := $(SRC)
CLANG_RES = $(shell clang -print-resource-dir)
LINTFLAGS = --target=x86_64-linux-musl -nostdinc -isystem $(CLANG_RES)/include \
  -isystem /usr/include/x86_64-linux-musl -std=c99 -D_XOPEN_SOURCE=700 -D_DEFAULT_SOURCE \
  $(CPPFLAGS)

# No path-based chmod, chown, lchown or nftw in the product code: a link
# swapped in between the lookup and the change redirects them (issue 13);
# init/lib/dirfd.h has the fd-based ones.
PATHOPS_RE := (^|[^[:alnum:]_])(chmod|chown|lchown|nftw)[[:space:]]*\(|f(chmod|chown)at[[:space:]]*\([[:space:]]*AT_FDCWD

lint: $(DEPS)/.built
	@packaging/prereqs test
	@if grep -nE '$(PATHOPS_RE)' $(LINTSRC) $(wildcard init/*.h init/*/*.h stages/*.h tools/*.h) ; then \
	  echo "lint: path-based chmod/chown/lchown/nftw above: a link swapped in between the lookup and the change would redirect it; use init/lib/dirfd.h (dirfd_pin, dirfd_chmod, dirfd_chown)" >&2 ; exit 1 ; \
	else echo "lint: no path-based chmod/chown/lchown/nftw" ; fi
	clang $(LINTFLAGS) $(WARN) -fsyntax-only $(LINTSRC)
	@out=$$(clang-tidy --quiet $(LINTSRC) -- $(LINTFLAGS) 2>&1) ; rc=$$? ; \
	  printf '%s\n' "$$out" | grep -v 'warnings\? generated' ; echo "clang-tidy: exit $$rc" ; exit $$rc
	cppcheck --quiet --error-exitcode=1 --enable=warning,portability,performance \
	  --inline-suppr --suppress=missingIncludeSystem --std=c99 \
	  -Iinit/lib -Iinit -Iinit/supervise -Istages -Itools $(LINTSRC)

# make bench: bosun against tini and dumb-init as PID 1 (boot, reaping,
# memory) and against Debian s6 as a 50-service tree (memory, restart
# latency); prints a table and writes build/bench/results.txt. Not part of test.
bench:
	@packaging/prereqs bench
	$(MAKE) all dist
	$(MAKE) -f tests/harness/Makefile
	bench/run

# --- other architectures -------------------------------------------------------
# make dist-all: the tarballs of every architecture in $(DIST)/ (the noarch
# and symlinks tarballs are the same bytes whichever architecture wrote them).
.PHONY: dist-all test-arch $(CROSS_ARCHES:%=test-%)
dist-all:
	for a in $(ARCHES); do $(MAKE) ARCH=$$a -j$(JOBS) all && $(MAKE) ARCH=$$a dist || exit; done

# make test-arch ARCH=A (A one of CROSS_ARCHES; make test-A says the same):
# cross-builds the tarballs of A and boots them in a busybox root of A
# (Debian's busybox-static of that architecture), aarch64 and armhf under
# qemu-user-static through binfmt_misc, i686 natively: the named subset of
# the end-to-end suites below (the roots really are of A, CMD exit codes,
# FROM scratch, cont-init.d, a services.d longrun, docker stop, INT, halt),
# and the same under Docker with a busybox base image of A (docker run,
# stop, FROM scratch, the examples built with Docker's TARGETARCH for A).
# Tests left out fail under qemu-user for qemu's sake: ps and pidof see
# qemu's argv, and Debian's s6 in the roots is x86_64.
ARCH_SUITES := tests/harness/harness.bats tests/e2e/cmd.bats tests/e2e/legacy.bats \
  tests/e2e/signals.bats tests/e2e/halt.bats tests/docker/docker.bats
ARCH_TESTS := ^make_root follows ARCH|^\[X2\]\[L1\] docker run|^\[L4\] FROM scratch|^examples/|^\[S1\] halt from|^\[X2\] the CMD's exit code is the container's$$|^\[X2\] a CMD killed by signal s|^\[L4\] a FROM scratch root|^\[B10\]\[F3\] cont-init.d scripts run in byte order|^\[B11\] a services.d service is copied|^\[S4\] docker stop|^\[S2\] SIGINT halts
test-arch:
	@case " $(CROSS_ARCHES) " in *" $(ARCH) "*) ;; \
	  *) echo "make test-arch: ARCH=$(ARCH): use one of $(CROSS_ARCHES)" >&2; exit 2 ;; esac
	@packaging/prereqs test-$(ARCH)
	@packaging/prereqs docker
	$(MAKE) -j$(JOBS) all
	$(MAKE) dist
	$(MAKE) -f tests/harness/Makefile
	packaging/binfmt $(ARCH) $(BUILD)/bosun
	ARCH=$(ARCH) BATS_FILTER="$(ARCH_TESTS)" tests/run-all --no-unit $(ARCH_SUITES)

$(CROSS_ARCHES:%=test-%):
	$(MAKE) test-arch ARCH=$(@:test-%=%)
