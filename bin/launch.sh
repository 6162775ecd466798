# Shared by the bin/ launchers (sourced, not run): builds the project on first use and runs a
# main class on target/classes + target/lib, adding the CPU libtorch unless another is chosen.
set -euo pipefail

MNISTLAB_HOME="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# Maven 3.8 writes colour resets (ESC[0m) even in batch mode with -q; in a log or a pipe they are
# noise, so there its output (both streams, on stdout) has them taken out.
mnistlab_mvn() {
  if [ -t 1 ]; then
    mvn "$@" 2>&1
  else
    mvn "$@" 2>&1 | sed -u 's/\x1b\[[0-9;]*m//g'
  fi
}

mnistlab_build_if_missing() {
  if [ ! -d "$MNISTLAB_HOME/target/classes/mnistlab" ] || [ ! -d "$MNISTLAB_HOME/target/lib" ]; then
    echo "mnist-lab: first run, building with Maven (once)..." >&2
    (cd "$MNISTLAB_HOME" && mnistlab_mvn -B -q -DskipTests package) >&2
  fi
}

mnistlab_has_cuda_gpu() {
  command -v nvidia-smi >/dev/null 2>&1 && nvidia-smi -L 2>/dev/null | grep -q '^GPU'
}

# libtorch allocates and frees tens of megabytes per training step; with glibc's defaults the large
# blocks go back to the kernel each time and come back as fresh zeroed pages (half the run was
# system time). Keeping them in the heap removes that; see docs/performance.md.
export MALLOC_MMAP_THRESHOLD_="${MALLOC_MMAP_THRESHOLD_:-33554432}"
export MALLOC_TRIM_THRESHOLD_="${MALLOC_TRIM_THRESHOLD_:-134217728}"

# Java 17 takes the charset of its output, its arguments and file names from the C library's
# locale: under C or POSIX (containers, env -i), or with a LANG the machine has not generated,
# Chinese came out as "?????" and a Chinese path could not be opened. When the locale does not
# give UTF-8, the JVM runs under C.UTF-8 (built into glibc); the language asked for is kept in
# MNISTLAB_LOCALE, which mnistlab.i18n.Messages reads before LC_ALL, LC_MESSAGES and LANG.
mnistlab_utf8_locale() {
  [ "$(locale charmap 2>/dev/null)" = UTF-8 ] && return 0
  export MNISTLAB_LOCALE="${MNISTLAB_LOCALE:-${LC_ALL:-${LC_MESSAGES:-${LANG:-}}}}"
  export LC_ALL=C.UTF-8
}

# The Java heap holds the datasets as floats (about 250 MB for MNIST); a 1 GB cap keeps G1 from
# growing the heap, and so the RSS, epoch after epoch (MNISTLAB_JAVA_OPTS replaces it).

# DJL 0.36's JNI is built for libtorch 2.7.1; another version fails deep in native code (e.g.
# "set_stride is not allowed on a Tensor created from .data or .detach()"). The version is read
# where libtorch's own archive (build-version) or a pip install of torch (version.py) keeps it.
mnistlab_check_libtorch() {
  local dir="$PYTORCH_LIBRARY_PATH" found=""
  if [ -f "$dir/../build-version" ]; then
    found="$(head -n 1 "$dir/../build-version")"
  elif [ -f "$dir/../version.py" ]; then
    found="$(sed -n "s/^__version__ *= *['\"]\([^'\"]*\)['\"].*/\1/p" "$dir/../version.py" | head -n 1)"
  fi
  case "$found" in
    ""|2.7.*) ;;
    *) echo "mnist-lab: PYTORCH_LIBRARY_PATH=$dir holds libtorch $found, but DJL 0.36 is built for libtorch 2.7.1;" \
            "point it at a 2.7.x libtorch, or unset it to use the CPU build that comes with mnist-lab" >&2
       exit 2 ;;
  esac
}

# Runs: mnistlab_run MAIN_CLASS ARGS...
# In a checkout: target/classes and target/lib with the JDK on the PATH. In a distribution made by
# bin/mnist-dist: its own runtime/, lib/ and libtorch-cpu/, no Java needed on the PATH.
mnistlab_run() {
  local main="$1"; shift
  local java=java cp native
  if [ -x "$MNISTLAB_HOME/runtime/bin/java" ]; then
    java="$MNISTLAB_HOME/runtime/bin/java"
    cp="$MNISTLAB_HOME/lib/*"
    native="$MNISTLAB_HOME/libtorch-cpu"
  else
    mnistlab_build_if_missing
    cp="$MNISTLAB_HOME/target/classes:$MNISTLAB_HOME/target/lib/*"
    native="$MNISTLAB_HOME/target/native-cpu"
  fi
  local offline=true
  if [ -n "${PYTORCH_LIBRARY_PATH:-}" ]; then
    # the user's own libtorch (a CUDA build, say); DJL loads it from there. bin/mnist-doctor checks it itself.
    [ "${MNISTLAB_SKIP_LIBTORCH_CHECK:-}" = 1 ] || mnistlab_check_libtorch
  elif mnistlab_has_cuda_gpu; then
    offline=false # DJL downloads and caches its CUDA build of libtorch on first use
  elif [ -d "$native" ]; then
    cp="$cp:$native/*"
  fi
  mnistlab_utf8_locale
  # UTF-8 output even where no C.UTF-8 locale exists (a C library other than glibc)
  exec "$java" ${MNISTLAB_JAVA_OPTS:--Xmx1g} -Djava.awt.headless=true -Dmnistlab.home="$MNISTLAB_HOME" \
    -Dfile.encoding=UTF-8 -Dsun.stdout.encoding=UTF-8 -Dsun.stderr.encoding=UTF-8 \
    -Dai.djl.offline="${MNISTLAB_DJL_OFFLINE:-$offline}" \
    -Dorg.slf4j.simpleLogger.defaultLogLevel="${MNISTLAB_LOG_LEVEL:-warn}" \
    -Dorg.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils=error \
    -cp "$cp" "$main" "$@"
}
