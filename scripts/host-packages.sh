# Sourced by ./bantubox and ./run-tests: installs the Debian packages BantuBox needs when a command is
# missing. Each entry is "COMMAND:PACKAGE"; nothing is installed when every command is present.
ensure_packages() {
  local missing=() entry command package
  for entry in "$@"; do
    command=${entry%%:*}
    package=${entry#*:}
    if ! command -v "$command" >/dev/null 2>&1 && [[ ! -e "$command" ]]; then
      missing+=("$package")
    fi
  done
  [[ ${#missing[@]} -eq 0 ]] && return 0
  if [[ $(id -u) -ne 0 ]]; then
    echo "bantubox: missing packages: ${missing[*]}; run this with sudo, or install them with" \
      "'sudo apt-get install ${missing[*]}'" >&2
    return 1
  fi
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "bantubox: missing packages: ${missing[*]}, and apt-get is not available to install them" >&2
    return 1
  fi
  echo "bantubox: installing ${missing[*]} with apt-get" >&2
  # A fresh machine may have no package lists yet; an update first makes the install find them.
  apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
}

# The GTK library's path names the architecture (x86_64-linux-gnu, aarch64-linux-gnu).
bantubox_multiarch="$(uname -m)-linux-gnu"

# What building and running the engine and the app needs on any machine. The app's window needs GTK 3,
# and JavaFX finds its fonts through fontconfig, also when it draws headless in the tests.
BANTUBOX_RUNTIME_PACKAGES=(
  javac:openjdk-17-jdk-headless
  gcc:gcc
  /usr/include/stdio.h:libc6-dev
  curl:curl
  /etc/ssl/certs/ca-certificates.crt:ca-certificates
  unzip:unzip
  ip:iproute2
  nsenter:util-linux
  "/usr/lib/$bantubox_multiarch/libgtk-3.so.0:libgtk-3-0"
  fc-list:fontconfig
  /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf:fonts-dejavu-core
)

# What the tests and the benchmark use besides: util-linux's script (a pty for `exec -it` and the
# terminal widget's tests), comparison runtimes, a host busybox, nftables for the NAT test, and
# debootstrap with Debian's keyring for the debian image recipe. The features that use
# them outside the tests (run --nat, image build) name the package when it is missing, so a learner's
# machine, an Ubuntu one without Debian's keyring included, installs them only when needed.
BANTUBOX_TEST_PACKAGES=(
  script:bsdutils
  bwrap:bubblewrap
  unshare:util-linux
  /bin/busybox:busybox-static
  umoci:umoci
  nft:nftables
  xvfb-run:xvfb
  debootstrap:debootstrap
  /usr/share/keyrings/debian-archive-keyring.gpg:debian-archive-keyring
)
