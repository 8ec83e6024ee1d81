# Sourced by ./run and ./test: the Debian packages the app and its tests need,
# installed when missing. WeasyPrint needs Pango and HarfBuzz's subsetter; the report
# uses Liberation fonts (Arial metrics) and Graphviz (dot) to lay out the organisation
# chart; the tests read PDFs with poppler-utils and drive Chromium (Playwright may not
# download its own browser here).
wanted=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-liberation2 fonts-dejavu-core graphviz)
if [ "${1:-}" = "test" ]; then
  wanted+=(poppler-utils chromium)
fi
missing=()
for package in "${wanted[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "Installing Debian packages: ${missing[*]} ..."
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "Missing Debian packages: ${missing[*]}. Install them: sudo apt-get install ${missing[*]}" >&2
    exit 1
  fi
fi
