"""Writes the course's exercise audio into course/assets/audio/. Deterministic.

Every clip is built from pieces whose length is known to the sample: utterances
spoken by espeak-ng (each one generated on its own, trimmed to its first and last
audible sample), silences, and synthetic sounds (sine tones for a doorbell, short
noise bursts for knocks). The pieces are laid on one 22,050 Hz mono track, where a
piece may also be mixed over an earlier one (overlapping speech), and the track is
encoded as Ogg Opus (mono, 24 kbit/s) with a fixed stream serial number.

For each clip that exercises segment, ``<name>.gold.json`` records the exact time
of every labelled piece in seconds (samples / rate, rounded to the millisecond), in
the shape of a segments response: ``{"duration", "segments": [{start, end, label}]}``.
Transcription clips list their sentence below; that text is the gold.

Run: apt-get install -y espeak-ng opus-tools && python tools/make_audio.py
Same tools, same bytes: noise comes from a fixed seed and opusenc gets a fixed
serial. Made by the project; espeak-ng's speech output is not copyrighted by its
authors, and the clips are released under CC0 like the rest of the course assets.
"""

from __future__ import annotations

import array
import json
import math
import random
import subprocess
import tempfile
import wave
from dataclasses import dataclass
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "course" / "assets" / "audio"
RATE = 22050  # espeak-ng's output rate
#: A sample is audible when its magnitude exceeds this (16-bit scale).
THRESHOLD = 300
#: Voices: (espeak-ng voice, pitch 0-99, words per minute).
VOICES = {
    "A": ("en-us", 38, 150),
    "B": ("en-gb+f3", 72, 155),
    "C": ("en-us+m3", 50, 145),
}


@dataclass
class Say:
    """An utterance by one voice."""

    voice: str
    text: str
    label: str | None = None


@dataclass
class Pause:
    """Silence of the given seconds."""

    seconds: float


@dataclass
class Sound:
    """A synthetic sound: "doorbell" (two tones), "doorbell-twice" (the doorbell rung twice,
    0.3 s apart, one event), "knock" (noise bursts) or "alarm" (beeps)."""

    kind: str
    label: str | None = None


@dataclass
class Over:
    """An utterance mixed over the track, starting ``seconds`` before its current end."""

    seconds: float
    say: Say


#: Clips: name -> pieces. Transcription clips have one utterance; its text is the gold.
CLIPS: dict[str, list] = {
    # Week 6, transcription.
    "parcel-gate": [
        Pause(0.3),
        Say("A", "Please leave the parcel behind the blue gate."),
        Pause(0.4),
    ],
    "van-over-there": [
        Pause(0.3),
        Say("C", "Their van is parked over there, by the bakery."),
        Pause(0.4),
    ],
    "heating-tonight": [
        Pause(0.3),
        Say("B", "Turn the heating down to eighteen degrees tonight."),
        Pause(0.4),
    ],
    "bus-stop-twelve": [
        Pause(0.3),
        Say("A", "The last bus leaves stop twelve at six fifteen."),
        Pause(0.4),
    ],
    # Week 6, speakers and sound events.
    "shop-call": [
        Pause(0.4),
        Say("A", "Hello, is the shop still open?", "Speaker A"),
        Pause(0.5),
        Say("B", "Yes, until six tonight.", "Speaker B"),
        Pause(0.6),
        Say("A", "Great, I will come by later.", "Speaker A"),
        Pause(0.4),
    ],
    "front-door": [
        Pause(0.5),
        Sound("doorbell", "Doorbell"),
        Pause(1.0),
        Sound("knock", "Knock"),
        Pause(0.8),
        Say("B", "Coming, one moment!", "Speech"),
        Pause(0.5),
    ],
    "delivery-slot": [
        Pause(0.4),
        Say("A", "Your parcel arrives on Tuesday between nine and noon.", "Speaker A"),
        Over(0.5, Say("B", "Okay.", "Speaker B")),
        Pause(0.5),
        Say("B", "Tuesday works for me, thanks.", "Speaker B"),
        Pause(0.4),
    ],
    # The self-check final, transcription.
    "pharmacy-sundays": [
        Pause(0.3),
        Say("C", "The pharmacy on Mill Road closes at half past five on Sundays."),
        Pause(0.4),
    ],
    "weather-sail": [
        Pause(0.3),
        Say("B", "Check the weather before you sail, and wear a life jacket."),
        Pause(0.4),
    ],
    # The self-check final, speakers and sound events.
    "table-booking": [
        Pause(0.4),
        Say("A", "I would like a table for four on Saturday.", "Speaker A"),
        Pause(0.5),
        Say("B", "Of course. What time would suit you?", "Speaker B"),
        Pause(0.5),
        Say("A", "Around seven, if you have space.", "Speaker A"),
        Over(0.4, Say("B", "Sure.", "Speaker B")),
        Pause(0.5),
    ],
    "kitchen-alarm": [
        Pause(0.5),
        Sound("alarm", "Alarm"),
        Pause(0.7),
        Say("C", "Sorry, that is just the toast.", "Speech"),
        Pause(0.9),
        Sound("knock", "Knock"),
        Pause(0.5),
    ],
    # The qualification final, transcription: longer sentences, 20 words or more.
    "clinic-appointment": [
        Pause(0.2),
        Say(
            "B",
            "Your appointment with Doctor Patel has moved to Thursday the fourteenth at "
            "twenty past ten, so please bring your insurance card and arrive ten "
            "minutes early.",
        ),
        Pause(0.3),
    ],
    "roof-crew": [
        Pause(0.3),
        Say(
            "C",
            "The site manager said their crew would bring the right tools here before "
            "noon, so we can fix the roof before the rain comes back this afternoon.",
        ),
        Pause(0.4),
    ],
    # The qualification final, speakers and sound events.
    "dishwasher-call": [
        Pause(0.3),
        Say("A", "Hi, my dishwasher is broken.", "Speaker A"),
        Pause(0.4),
        Say("B", "Is it still under warranty?", "Speaker B"),
        Pause(0.4),
        Say("A", "Yes, I bought it in March.", "Speaker A"),
        Over(0.5, Say("B", "Okay.", "Speaker B")),
        Pause(0.5),
        Say("C", "I will send an engineer.", "Speaker C"),
        Pause(0.3),
    ],
    "hallway-visit": [
        Pause(0.4),
        Say("C", "Can you get the door?", "Speech"),
        Pause(0.7),
        Sound("doorbell-twice", "Doorbell"),
        Pause(0.9),
        Sound("knock", "Knock"),
        Pause(0.6),
        Say("B", "Coming!", "Speech"),
        Pause(0.5),
    ],
}


# The practice labs (Week 6): transcription clips of 25 words or more, so that one
# wrong word is a WER of 0.04 at most, and clips with turns, overlaps, pauses and
# sound events for segments. For "practice-clean-verbatim" the gold is the sentence
# without its fillers and repeated word (the lesson states it); for the others the
# spoken text is the gold.
PRACTICE_CLIPS: dict[str, list] = {
    "practice-repair-visit": [
        Pause(0.3),
        Say(
            "A",
            "The repair team will arrive on Thursday at half past three, so please clear "
            "the area under the sink and leave about two metres of space for their tools "
            "and the new pipes.",
        ),
        Pause(0.4),
    ],
    "practice-guide-path": [
        Pause(0.3),
        Say(
            "B",
            "Their guide asked us to wait over there until the weather cleared, then to "
            "walk the whole way round to the hole in the fence and write down the right "
            "path for the others.",
        ),
        Pause(0.4),
    ],
    "practice-lease-names": [
        Pause(0.3),
        Say(
            "C",
            "Please send the signed lease to Marta Kowalski at Linden Court before Friday, "
            "and copy Tunde Adebayo, because he manages the flats on Harcourt Street near "
            "the station.",
        ),
        Pause(0.4),
    ],
    "practice-ferry-times": [
        Pause(0.3),
        Say(
            "A",
            "Boarding for the evening ferry starts at 7:40 from gate 12, and cars must "
            "queue in lanes 3 to 5 at least 30 minutes before the ship sails for the island.",
        ),
        Pause(0.4),
    ],
    "practice-clean-verbatim": [
        Pause(0.3),
        Say(
            "B",
            "So um the the meeting with the landlord is on Monday, er, and I think we should "
            "bring the photos of the damp wall and the broken window in the kitchen.",
        ),
        Pause(0.4),
    ],
    "practice-three-voices": [
        Pause(0.4),
        Say("A", "Morning, everyone. Shall we start with the rota?", "Speaker A"),
        Pause(0.5),
        Say("B", "Yes, I can cover Tuesday and Wednesday.", "Speaker B"),
        Pause(0.4),
        Say("C", "Then I will take the weekend shifts.", "Speaker C"),
        Pause(0.5),
        Say("A", "Perfect, thank you both.", "Speaker A"),
        Pause(0.4),
    ],
    "practice-backchannel": [
        Pause(0.4),
        Say(
            "A",
            "So the plan is to paint the hall first, then move the furniture back on "
            "Sunday afternoon.",
            "Speaker A",
        ),
        Over(1.6, Say("B", "Right.", "Speaker B")),
        Pause(0.6),
        Say("B", "Sounds good. I will bring the brushes and the ladder.", "Speaker B"),
        Over(0.5, Say("A", "Great.", "Speaker A")),
        Pause(0.4),
    ],
    "practice-hallway": [
        Pause(0.4),
        Sound("knock", "Knock"),
        Pause(0.6),
        Say("B", "Just a minute!", "Speech"),
        Pause(0.8),
        Sound("doorbell", "Doorbell"),
        Pause(0.5),
        Say("C", "Parcel for flat nine.", "Speech"),
        Pause(0.5),
        Sound("knock", "Knock"),
        Pause(0.4),
    ],
    "practice-long-pause": [
        Pause(0.4),
        Say("A", "Let me check the order. Yes, it left the warehouse this morning.", "Speaker A"),
        Pause(0.6),
        Say("B", "Good. When will it arrive?", "Speaker B"),
        Pause(0.5),
        Say("A", "Tomorrow, before noon.", "Speaker A"),
        Pause(1.8),
        Say("A", "Oh, and the driver will call first.", "Speaker A"),
        Pause(0.4),
    ],
    "practice-alarm-talk": [
        Pause(0.5),
        Sound("alarm", "Alarm"),
        Over(0.8, Say("C", "Everyone out, please. Use the stairs.", "Speech")),
        Pause(0.6),
        Sound("alarm", "Alarm"),
        Pause(0.5),
    ],
}
CLIPS.update(PRACTICE_CLIPS)


def speak(say: Say) -> list[int]:
    """The utterance's samples, trimmed to its first and last audible sample."""
    voice, pitch, speed = VOICES[say.voice]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "say.wav"
        subprocess.run(
            [
                "espeak-ng",
                "-v",
                voice,
                "-p",
                str(pitch),
                "-s",
                str(speed),
                "-w",
                str(path),
                say.text,
            ],
            check=True,
        )
        with wave.open(str(path)) as wav:
            assert wav.getframerate() == RATE and wav.getnchannels() == 1, path
            samples = array.array("h", wav.readframes(wav.getnframes())).tolist()
    loud = [i for i, s in enumerate(samples) if abs(s) > THRESHOLD]
    return samples[loud[0] : loud[-1] + 1]


def tone(frequency: float, seconds: float, level: float = 9000) -> list[int]:
    """A sine tone with 10 ms fades, so it starts and ends without a click."""
    count = round(seconds * RATE)
    fade = round(0.01 * RATE)
    out = []
    for i in range(count):
        gain = min(1.0, (i + 1) / fade, (count - i) / fade)
        out.append(round(level * gain * math.sin(2 * math.pi * frequency * i / RATE)))
    return out


def burst(rng: random.Random, seconds: float, level: float = 12000) -> list[int]:
    """A noise burst that decays quickly: a knock on a door, roughly."""
    count = round(seconds * RATE)
    return [round(level * math.exp(-6 * i / count) * rng.uniform(-1, 1)) for i in range(count)]


def sound(kind: str, rng: random.Random) -> list[int]:
    if kind == "doorbell":  # "ding-dong": a high tone straight into a lower one
        return tone(660, 0.45) + tone(523, 0.6)
    if kind == "doorbell-twice":  # rung twice, 0.3 s apart: one event
        ring = tone(660, 0.45) + tone(523, 0.6)
        return ring + [0] * round(0.3 * RATE) + ring
    if kind == "knock":  # three knocks 0.2 s apart
        gap = [0] * round(0.14 * RATE)
        return burst(rng, 0.06) + gap + burst(rng, 0.06) + gap + burst(rng, 0.06)
    if kind == "alarm":  # a smoke alarm: three 0.25 s beeps 0.15 s apart
        beep, gap = tone(3100, 0.25, 7000), [0] * round(0.15 * RATE)
        return beep + gap + beep + gap + beep
    raise ValueError(kind)


def build(pieces: list, rng: random.Random) -> tuple[list[int], list[dict]]:
    """The clip's samples and its labelled segments (in seconds)."""
    track: list[int] = []
    segments = []
    for piece in pieces:
        if isinstance(piece, Pause):
            track += [0] * round(piece.seconds * RATE)
            continue
        if isinstance(piece, Over):
            samples = speak(piece.say)
            start = len(track) - round(piece.seconds * RATE)
            label = piece.say.label
            end = start + len(samples)
            track += [0] * max(0, end - len(track))
            for i, value in enumerate(samples):
                track[start + i] = max(-32768, min(32767, track[start + i] + value))
        else:
            samples = speak(piece) if isinstance(piece, Say) else sound(piece.kind, rng)
            label = piece.label
            start = len(track)
            end = start + len(samples)
            track += samples
        if label:
            segments.append({"start": start, "end": end, "label": label})
    seconds = [
        {
            "start": round(s["start"] / RATE, 3),
            "end": round(s["end"] / RATE, 3),
            "label": s["label"],
        }
        for s in segments
    ]
    return track, sorted(seconds, key=lambda s: (s["start"], s["end"]))


def encode(samples: list[int], target: Path) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "clip.wav"
        with wave.open(str(path), "wb") as wav:
            wav.setnchannels(1)
            wav.setsampwidth(2)
            wav.setframerate(RATE)
            wav.writeframes(array.array("h", samples).tobytes())
        subprocess.run(
            ["opusenc", "--quiet", "--bitrate", "24", "--comp", "10", "--serial", "20261123"]
            + ["--discard-comments", "--discard-pictures", str(path), str(target)],
            check=True,
        )


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, pieces in CLIPS.items():
        rng = random.Random(name)
        samples, segments = build(pieces, rng)
        encode(samples, OUT / f"{name}.ogg")
        gold = OUT / f"{name}.gold.json"
        if segments:
            data = {"duration": round(len(samples) / RATE, 3), "segments": segments}
            gold.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
        print(f"{name}.ogg: {len(samples) / RATE:.2f} s, {len(segments)} segments")


if __name__ == "__main__":
    main()
