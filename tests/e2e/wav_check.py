#!/usr/bin/env python3
"""Listens to WAV files the kiosk's voice made (tests/e2e/voice_*.test.sh).

  wav_check.py speech FILE.wav LANG SPOKEN_TEXT
      the file is a WAV the kiosk writes (RIFF, PCM, mono, 16-bit, 8-48 kHz), its length is
      plausible speech for the text's syllables (0.12-0.6 s each: loose), it is not silence
      (RMS above a floor) and it is speech-like (sound in at least 30% of 20 ms windows).
      Prints "SECONDS SYLLABLES RMS".
  wav_check.py differ A.wav B.wav
      the two files hold different sounds (not the same samples, lengths apart or content).
Exit 0 when the check holds, 1 with a reason otherwise."""
import math
import re
import struct
import sys
import wave

RMS_FLOOR = 300  # of 32767: espeak's speech is ~2000-5000, hiss a few tens


def samples(path):
    with wave.open(path, "rb") as w:
        if w.getcomptype() != "NONE" or w.getnchannels() != 1 or w.getsampwidth() != 2:
            sys.exit(f"{path}: not mono 16-bit PCM")
        rate = w.getframerate()
        if not 8000 <= rate <= 48000:
            sys.exit(f"{path}: rate {rate}")
        raw = w.readframes(w.getnframes())
    return rate, struct.unpack(f"<{len(raw) // 2}h", raw)


def syllables(lang, text):
    """Vietnamese: a syllable a word; English: a syllable a vowel group. A number counts
    as the words it is read as, roughly (7: 1, 40: 2, 2026: 4)."""
    n = 0
    for word in re.findall(r"\w+", text):
        if word.isdigit():
            n += min(len(word) * 2 - 1, 4) if lang == "vi" else len(word) + 1
        elif lang == "vi":
            n += 1
        else:
            n += max(1, len(re.findall(r"[aeiouy]+", word.lower())))
    return n


def speech(path, lang, text):
    rate, s = samples(path)
    secs = len(s) / rate
    syl = syllables(lang, text)
    rms = math.sqrt(sum(x * x for x in s) / max(1, len(s)))
    win = rate // 50
    loud = 0
    frames = max(1, len(s) // win)
    for i in range(frames):
        chunk = s[i * win:(i + 1) * win]
        if chunk and math.sqrt(sum(x * x for x in chunk) / len(chunk)) > RMS_FLOOR:
            loud += 1
    print(f"{secs:.2f} {syl} {rms:.0f}")
    if not 0.12 * syl <= secs <= 0.6 * syl:
        sys.exit(f"{path}: {secs:.2f} s for {syl} syllables of '{text}'")
    if rms < RMS_FLOOR:
        sys.exit(f"{path}: RMS {rms:.0f}: silence")
    if loud / frames < 0.3:
        sys.exit(f"{path}: sound in only {loud} of {frames} windows")


def differ(a, b):
    ra, sa = samples(a)
    rb, sb = samples(b)
    if ra == rb and sa == sb:
        sys.exit(f"{a} and {b} hold the same sound")
    print(f"{len(sa) / ra:.2f} {len(sb) / rb:.2f}")


if __name__ == "__main__":
    if len(sys.argv) == 5 and sys.argv[1] == "speech":
        speech(sys.argv[2], sys.argv[3], sys.argv[4])
    elif len(sys.argv) == 4 and sys.argv[1] == "differ":
        differ(sys.argv[2], sys.argv[3])
    else:
        sys.exit(__doc__)
