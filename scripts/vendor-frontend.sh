#!/usr/bin/env bash
# Vendor GOV.UK Frontend into the web app's static files, so a clone needs no npm.
#
# Installs the exact versions of package-lock.json into a scratch folder (no node_modules in
# the repository), compiles GOV.UK Frontend's Sass with a system font stack and without the
# GDS Transport font face (that typeface is only for GOV.UK), and copies the CSS, the JS
# module and the assets it uses into src/cypp/web/static/vendor/govuk-frontend/ with the
# licence notices. Run it after changing the versions in package.json, then commit the result.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$ROOT/src/cypp/web/static/vendor/govuk-frontend"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

cp "$ROOT/package.json" "$WORK/"
if [[ -f "$ROOT/package-lock.json" ]]; then
  cp "$ROOT/package-lock.json" "$WORK/"
  (cd "$WORK" && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error)
else
  (cd "$WORK" && npm install --no-audit --no-fund --ignore-scripts --loglevel=error)
  cp "$WORK/package-lock.json" "$ROOT/package-lock.json"
fi
GOVUK="$WORK/node_modules/govuk-frontend"
VERSION="$(node -p "require('$GOVUK/package.json').version")"

# The system fonts each platform ships; no web font is downloaded.
cat > "$WORK/govuk.scss" <<'SCSS'
@use "govuk-frontend/dist/govuk" with (
  $govuk-font-family: (system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", "Noto Sans", "Liberation Sans", Arial, sans-serif),
  $govuk-include-default-font-face: false,
  $govuk-assets-path: "assets/"
);
SCSS
rm -rf "$OUT"
mkdir -p "$OUT/assets/images"
"$WORK/node_modules/.bin/sass" --style=compressed --no-source-map --quiet-deps \
  --load-path="$WORK/node_modules" "$WORK/govuk.scss" "$OUT/govuk-frontend.min.css"

cp "$GOVUK/dist/govuk/govuk-frontend.min.js" "$OUT/"
# the images the compiled CSS refers to (the crest of the copyright link, which cypp does not
# use, but the manifest storage of collectstatic needs every referenced file); no favicon: the
# GOV.UK ones are the crown
for ref in $(grep -o 'url([^)]*)' "$OUT/govuk-frontend.min.css" | sed -E 's/url\(["'\'']?([^"'\''")]*)["'\'']?\)/\1/' | grep '^assets/' | sort -u); do
  mkdir -p "$OUT/$(dirname "$ref")"
  cp "$GOVUK/dist/govuk/$ref" "$OUT/$ref"
done
if grep -q 'GDS Transport' "$OUT/govuk-frontend.min.css"; then
  echo "error: the compiled CSS still names GDS Transport" >&2
  exit 1
fi
# the source maps are not shipped: drop the JS's reference to its map
sed -i '/^\/\/# sourceMappingURL=/d' "$OUT/govuk-frontend.min.js"

cat > "$OUT/LICENSE.txt" <<TXT
GOV.UK Frontend ${VERSION} (npm package govuk-frontend), https://github.com/alphagov/govuk-frontend

The MIT License (MIT)

Copyright (c) 2018 Crown Copyright (Government Digital Service)

Permission is hereby granted, free of charge, to any person obtaining a copy of
this software and associated documentation files (the "Software"), to deal in
the Software without restriction, including without limitation the rights to
use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of
the Software, and to permit persons to whom the Software is furnished to do so,
subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY, FITNESS
FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE AUTHORS OR
COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER LIABILITY, WHETHER
IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM, OUT OF OR IN
CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE SOFTWARE.

The images and other assets in assets/ are © Crown copyright, available under the
Open Government Licence v3.0:
https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/

Built by scripts/vendor-frontend.sh with \$govuk-font-family set to a system font stack and
\$govuk-include-default-font-face: false (no GDS Transport font face is included).
TXT
echo "vendored GOV.UK Frontend ${VERSION} into ${OUT#"$ROOT"/}"
ls -la "$OUT" "$OUT/assets/images"
