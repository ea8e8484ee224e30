#!/usr/bin/env bash
# Regenerates every arena resource and assets/preview.png from the generator in tools/src.
# Needs only a JDK 17+: java.awt draws the sprites and renders the fonts (headless), the sounds are
# synthesized. Output is deterministic for a given JDK; commit the results, the build never runs this.
set -euo pipefail
tools="$(cd "$(dirname "$0")" && pwd)"
module="$(dirname "$tools")"
classes="$(mktemp -d)"
trap 'rm -rf "$classes"' EXIT
# The generator shares the palette with the game: compile ArenaPalette from the module's sources.
javac --release 17 -Xlint:all -Werror -d "$classes" \
  "$module/src/main/java/io/tickwire/arena/assets/ArenaPalette.java" \
  $(find "$tools/src" -name '*.java' | sort)
java -Djava.awt.headless=true -cp "$classes" io.tickwire.arena.tools.Generate "$module"
