#!/usr/bin/env bash
# Makes camera "photos" of a receipt picture (from `kioskctl receipt png`) with ImageMagick,
# as a webcam at 640x480 would see it: the paper turned 5-15 degrees on a table, blurred
# (out of focus), noisy (a dim room), low contrast (grey light), and a phone's screen showing
# the code (a dark rounded body, a bluish screen, a glare across it, held at an angle).
# usage: make_photos.sh RECEIPT.png OUT_DIR   (writes OUT_DIR/*.png, one photo each)
set -euo pipefail
src=$1 out=$2
mkdir -p "$out"
# the picture's QR: its top square (the words under it are for people; the camera is held
# to the code, which fills its view as before the picture carried words)
w=$(identify -format %w "$1")
convert "$1" -gravity north -crop "${w}x${w}+0+0" +repage "$out/.qr.png"
src=$out/.qr.png
trap 'rm -f "$out/.qr.png"' EXIT
table='#8f887c'
paper() { # paper ANGLE SIZE OUT: the receipt on white paper, turned, on the table
  convert -size 640x480 "xc:$table" \
    \( "$src" -resize "$2x$2" -bordercolor white -border 24 -background none -rotate "$1" \) \
    -gravity center -composite -colorspace Gray "$3"
}
paper 6 300 "$out/paper-rot06.png"
paper -11 300 "$out/paper-rot-11.png"
paper 15 280 "$out/paper-rot15.png"
paper 8 300 png:- | convert png:- -blur 0x1.6 "$out/paper-blur.png"
paper -7 300 png:- | convert png:- -attenuate 0.7 +noise Gaussian -colorspace Gray "$out/paper-noise.png"
paper 10 300 png:- | convert png:- +level 38%,68% "$out/paper-lowcontrast.png"
# the phone: body and screen drawn, the code on the screen, a soft glare, held turned 9 degrees
convert -size 640x480 "xc:$table" \
  -fill '#151515' -draw "roundrectangle 175,10 465,470 36,36" \
  -fill '#dfe6f7' -draw "roundrectangle 188,60 452,420 10,10" \
  \( "$src" -resize 240x240 -fill '#dfe6f7' -opaque white \) -gravity center -composite \
  \( -size 640x480 xc:none -background none -fill 'rgba(255,255,255,0.5)' \
     -draw "ellipse 330,200 190,34 0,360" -blur 0x14 -rotate -30 -gravity center -extent 640x480 \) \
  -compose over -composite \
  -background "$table" -rotate 9 -gravity center -extent 640x480 -colorspace Gray \
  "$out/phone-glare.png"
