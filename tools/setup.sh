#!/usr/bin/env bash
# The README's first command: install what is missing, build `vintage` in release mode as
# a self-contained binary (the Swift runtime linked in statically, stripped: it runs
# where the Swift toolchain is not installed; it needs only libc, libsqlite3
# and liblz4; libstdc++ too where GCC has no static one), generate its man page, and run the demo. tools/install.sh then installs it.
set -euo pipefail
cd "$(dirname "$0")/.."
tools/install-dependencies.sh
# For start-up (issue 11 point 18; figures in docs/performance.md, "Start-up, second pass", measured on a cold one-series
# query of a 1,026-series store):
# - generic types' metadata through direct accessors, not looked up by mangled name at run
#   time (each first lookup checks the type's conformances by scanning every conformance
#   record of the binary): 18.0 M -> 16.7 M instructions, `vintage --version` 10.6 M -> 9.1 M;
# - a position-dependent executable (no PIE): the loader applies 388 relocations instead of
#   ~45,000 and copies ~200 fewer pages: 16.7 M -> 16.2 M instructions, 721 -> 528 page
#   faults, 6.0 -> 5.1 ms median wall time.
# - the C++ standard library linked in statically (the static Swift runtime needs it): the
#   loader no longer resolves libstdc++'s ~3,300 symbol relocations at every start:
#   11.6 M -> 9.8 M instructions (third pass, docs/performance.md). swiftc asks for
#   `-lstdc++`; a directory holding only libstdc++.a, searched first, makes that the archive.
#   Where GCC has no libstdc++.a, the shared library is linked as before.
flags=(-c release --static-swift-stdlib
       -Xswiftc -Xfrontend -Xswiftc -disable-concrete-type-metadata-mangled-name-accessors
       -Xswiftc -Xclang-linker -Xswiftc -no-pie)
archive=$(gcc -print-file-name=libstdc++.a 2>/dev/null || true)
if [[ $archive == /* && -f $archive ]]; then
  mkdir -p .build/static-libstdc++
  ln -sf "$archive" .build/static-libstdc++/libstdc++.a
  flags+=(-Xlinker "-L$PWD/.build/static-libstdc++")
fi
swift build "${flags[@]}" --product vintage
strip .build/release/vintage
# `vintage-postgres`: the same command line with stores on a shared log in PostgreSQL (SwiftNIO,
# Foundation); `vintage` runs it, from beside itself, for those stores only.
swift build "${flags[@]}" --product vintage-postgres
strip .build/release/vintage-postgres
# The man page, from the command's own help (swift-argument-parser's generate-manual tool).
swift build "${flags[@]}" --product generate-manual
tools/generate-manpage.sh .build/release/vintage .build/release/man
.build/release/vintage demo
