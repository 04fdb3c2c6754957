#!/usr/bin/env python3
"""Reads prompts.yaml, plans the audio build and writes or checks manifest.json; build.sh calls it.

Commands (all paths are fixed relative to notice-prompts/):
  plan WORKDIR   validate prompts.yaml, decide what to (re)build; prints one tab-separated line per action
  manifest       write manifest.json from prompts.yaml and the audio files on disk
  check          exit 1, naming every problem, when manifest.json does not match prompts.yaml or the files
"""
import hashlib
import json
import os
import re
import sys
import wave

try:
    import yaml
except ImportError:
    sys.exit("notice-prompts: python3 cannot import yaml (PyYAML). Install it: apt-get install python3-yaml")

BASE = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
PROMPTS = os.path.join(BASE, "prompts.yaml")
MANIFEST = os.path.join(BASE, "manifest.json")
SOUNDS = os.path.join(BASE, "sounds")
STUDIO = os.path.join(BASE, "studio")

MANIFEST_VERSION = 2
# Manifests this build can read old entries from (to keep their audio); it always writes MANIFEST_VERSION.
READABLE_MANIFEST_VERSIONS = (1, 2)
FORMATS = ("wav", "sln", "sln16", "ulaw", "alaw")
# Must match org.recgateway.prompts.PromptRole (a gateway test checks prompts.yaml against the enum).
ROLES = ("notice", "consent-question", "objection-offer", "consent-confirmation", "objection-confirmation",
         "partial-objection-confirmation", "announcement", "refusal")
WORDINGS = ("may", "will", "none")
# Must match org.recgateway.policy.Purpose ids (a gateway test checks prompts.yaml against the enum).
PURPOSES = ("quality", "complaint-handling", "contract-evidence", "training", "provider-diagnostics",
            "legal-obligation")
KEY_RE = re.compile(r"^[0-9*#]{1,3}$")
# Roles whose text is checked for the purposes it names (confirmations speak of purposes in general).
PURPOSE_CHECKED_ROLES = ("notice", "consent-question", "objection-offer")

# What the texts say, per language: the words that speak a key, name a purpose, say will or may, or promise
# that nothing is recorded without consent. A prompt's declarations must match what these find in its text,
# in every language; a language without phrases here cannot be checked, so it is refused until added.
PHRASES = {
    "nl": {
        "key": re.compile(r"\bdruk(?:\s+dan)?\s+op\s+([0-9*#]+)", re.I),
        "will": re.compile(r"\bwordt\s+(?:kort\s+)?opgenomen\b", re.I),
        "may": re.compile(r"\bkan\s+worden\s+opgenomen\b|\bwillen\b.*\bopnemen\b", re.I),
        "consentOnly": re.compile(r"\balleen\s+als\s+u\b.*\btoestemming\b|\bnemen\s+wij\s+niets\s+op\b", re.I),
        "purposes": {"quality": r"\bkwaliteit", "training": r"\bop\s+te\s+leiden\b|\bopleiden\b",
                     "contract-evidence": r"\bafspraken\b", "complaint-handling": r"\bklacht",
                     "legal-obligation": r"\bwet\b", "provider-diagnostics": r"\bstoring"},
    },
    "en": {
        "key": re.compile(r"\bpress\s+([0-9*#]+)", re.I),
        "will": re.compile(r"\bis\s+(?:briefly\s+)?recorded\b", re.I),
        "may": re.compile(r"\bmay\s+be\s+recorded\b|\bwould\s+like\s+to\s+record\b", re.I),
        "consentOnly": re.compile(r"\bonly\b.*\bif\s+you\s+give\s+your\s+consent\b|\bwe\s+record\s+nothing\b", re.I),
        "purposes": {"quality": r"\bquality\b", "training": r"\btrain\b", "contract-evidence": r"\bagreement\b",
                     "complaint-handling": r"\bcomplaint\b", "legal-obligation": r"\blaw\b",
                     "provider-diagnostics": r"\bfault\b"},
    },
}
ID_RE = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
LANG_RE = re.compile(r"^[a-z]{2,3}(_[A-Z]{2})?$")
VOICE_RE = re.compile(r"^[A-Za-z0-9_+-]+$")
REBUILD_HINT = "run notice-prompts/build.sh and commit prompts.yaml, manifest.json and sounds/ together"


def sha256_file(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(65536), b""):
            h.update(block)
    return h.hexdigest()


def sha256_text(text):
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def sound_rel(lang, pid, ext):
    return f"{lang}/{pid}.{ext}"


def studio_file(lang, pid):
    path = os.path.join(STUDIO, lang, pid + ".wav")
    return path if os.path.isfile(path) else None


def load_prompts():
    """Returns (languages {lang: voice}, entries [dict per id and language], errors)."""
    errors = []
    try:
        with open(PROMPTS, encoding="utf-8") as f:
            doc = yaml.safe_load(f)
    except (OSError, yaml.YAMLError) as e:
        return {}, [], [f"prompts.yaml cannot be read: {e}"]
    if not isinstance(doc, dict):
        return {}, [], ["prompts.yaml: expected a mapping with 'languages' and 'prompts'"]
    languages = {}
    for lang, spec in (doc.get("languages") or {}).items():
        voice = spec.get("espeakVoice") if isinstance(spec, dict) else None
        if not isinstance(lang, str) or not LANG_RE.match(lang):
            errors.append(f"prompts.yaml languages: '{lang}' is not a language code like nl or en (quote it if YAML reads it as a boolean)")
        elif not isinstance(voice, str) or not VOICE_RE.match(voice):
            errors.append(f"prompts.yaml languages.{lang}: espeakVoice missing or invalid (e.g. espeakVoice: {lang}; 'espeak-ng --voices' lists them)")
        else:
            languages[lang] = voice
    if not languages:
        errors.append("prompts.yaml: no languages; add e.g. 'languages: { nl: { espeakVoice: nl } }'")
    entries, seen = [], set()
    for i, p in enumerate(doc.get("prompts") or []):
        where = f"prompts.yaml prompts[{i}]"
        if not isinstance(p, dict):
            errors.append(f"{where}: expected a mapping with id, version, role, purposes, wording, keys, texts")
            continue
        pid = p.get("id")
        if not isinstance(pid, str) or not ID_RE.match(pid):
            errors.append(f"{where}: id '{pid}' must be lower-case words joined by '-', e.g. notice-quality")
            continue
        where = f"prompts.yaml {pid}"
        if pid in seen:
            errors.append(f"{where}: id used twice; every prompt needs its own id")
            continue
        seen.add(pid)
        version, role, wording = p.get("version"), p.get("role"), p.get("wording")
        purposes, keys, consent_only = p.get("purposes"), p.get("keys"), p.get("consentOnly", False)
        for old in ("kind", "purpose"):
            if old in p:
                errors.append(f"{where}: '{old}' is replaced by 'role' and 'purposes' (see the head of prompts.yaml)")
        if not isinstance(version, int) or isinstance(version, bool) or version < 1:
            errors.append(f"{where}: version '{version}' must be a whole number from 1")
        if role not in ROLES:
            errors.append(f"{where}: role '{role}' must be one of {', '.join(ROLES)}")
        if not isinstance(purposes, list) or any(x not in PURPOSES for x in purposes) or len(set(purposes)) != len(purposes):
            errors.append(f"{where}: purposes {purposes!r} must be a list of distinct purposes from "
                          f"{', '.join(PURPOSES)} ([] when the text names none)")
            purposes = []
        if not isinstance(keys, list) or any(not isinstance(k, str) or not KEY_RE.match(k) for k in keys) \
                or len(set(keys)) != len(keys):
            errors.append(f"{where}: keys {keys!r} must be a list of distinct quoted DTMF keys such as \"9\" or \"*9\""
                          f" ([] when the text speaks none)")
            keys = []
        if not isinstance(consent_only, bool):
            errors.append(f"{where}: consentOnly '{consent_only}' must be true or false")
            consent_only = False
        if wording not in WORDINGS:
            errors.append(f"{where}: wording '{wording}' must be one of {', '.join(WORDINGS)}")
        elif role == "notice" and wording == "none":
            errors.append(f"{where}: a notice needs wording may ('kan worden opgenomen') or will ('wordt opgenomen')")
        elif role in ROLES and role != "notice" and wording != "none":
            errors.append(f"{where}: only notices have a wording; set wording: none")
        if role == "notice" and not purposes:
            errors.append(f"{where}: a notice must name its purposes (PRODUCT.md rule 7)")
        texts = p.get("texts") if isinstance(p.get("texts"), dict) else {}
        for lang in texts:
            if lang not in languages:
                errors.append(f"{where}: text in language '{lang}' that is not listed under languages")
        for lang in languages:
            text = texts.get(lang)
            if not isinstance(text, str) or not text.strip():
                errors.append(f"{where}: no {lang} text; every prompt needs a text in every language")
            elif any(ord(c) < 32 for c in text) or text != text.strip():
                errors.append(f"{where}.texts.{lang}: keep the text on one line, without leading or trailing spaces")
            else:
                errors += says_what_it_declares(f"{where}.texts.{lang}", lang, text, role, purposes, wording, keys,
                                                consent_only)
                entries.append({"id": pid, "language": lang, "version": version, "role": role,
                                "purposes": list(purposes), "wording": wording, "keys": list(keys),
                                "consentOnly": consent_only, "text": text,
                                "textSha256": sha256_text(text), "voice": languages[lang]})
    entries.sort(key=lambda e: (e["id"], e["language"]))
    return languages, entries, errors


def says_what_it_declares(where, lang, text, role, purposes, wording, keys, consent_only):
    """The mismatches between a text and its prompt's declarations, one sentence each (empty when it fits)."""
    phrases = PHRASES.get(lang)
    if phrases is None:
        return [f"{where}: language '{lang}' has no phrases in lib/promptlib.py PHRASES, so its keys, purposes and "
                f"wording cannot be checked; add them"]
    problems = []
    spoken = phrases["key"].findall(text)
    for key in sorted(set(spoken) - set(keys)):
        problems.append(f"{where}: the text tells the caller to press {key}, but keys does not declare it; "
                        f"add \"{key}\" to keys (or change the text)")
    for key in sorted(set(keys) - set(spoken)):
        problems.append(f"{where}: keys declares {key}, but the text never tells the caller to press it; "
                        f"say it in every language or remove it from keys")
    if role in PURPOSE_CHECKED_ROLES:
        named = [pu for pu, rx in phrases["purposes"].items() if re.search(rx, text, re.I)]
        for pu in sorted(set(named) - set(purposes)):
            problems.append(f"{where}: the text names purpose {pu}, but purposes does not declare it; add it")
        for pu in sorted(set(purposes) - set(named)):
            problems.append(f"{where}: purposes declares {pu}, but the text does not name it; name it in the text "
                            f"or remove it from purposes")
    if role == "notice" and wording in ("will", "may"):
        if not phrases[wording].search(text):
            problems.append(f"{where}: wording is {wording}, but the text does not say so (expected words like "
                            f"'{phrases[wording].pattern}')")
        other = "may" if wording == "will" else "will"
        if phrases[other].search(text):
            problems.append(f"{where}: wording is {wording}, but the text says {other}; the notice must say one")
    promised = bool(phrases["consentOnly"].search(text))
    if promised != consent_only:
        problems.append(f"{where}: " + ("the text promises nothing is recorded without consent; declare "
                                        "consentOnly: true" if promised else
                                        "consentOnly is true, but the text makes no such promise; remove it"))
    return problems


def load_manifest():
    """Returns ({(id, language): entry}, errors); an absent manifest is empty."""
    if not os.path.exists(MANIFEST):
        return {}, []
    try:
        with open(MANIFEST, encoding="utf-8") as f:
            doc = json.load(f)
        if doc.get("manifestVersion") not in READABLE_MANIFEST_VERSIONS:
            return {}, [f"manifest.json: manifestVersion is {doc.get('manifestVersion')}, expected {MANIFEST_VERSION}"]
        return {(e["id"], e["language"]): e for e in doc["prompts"]}, []
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as e:
        return {}, [f"manifest.json cannot be read ({e}); delete it and {REBUILD_HINT}"]


def file_problems(old):
    """Compares the files a manifest entry lists with the disk: (missing, changed) lists of relative paths."""
    missing, changed = [], []
    for ext in FORMATS:
        rel = sound_rel(old["language"], old["id"], ext)
        path = os.path.join(SOUNDS, rel)
        listed = (old.get("files") or {}).get(ext) or {}
        if not os.path.isfile(path) or listed.get("path") != rel:
            missing.append(rel)
        elif listed.get("sha256") != sha256_file(path):
            changed.append(rel)
    return missing, changed


def orphans(entries):
    wanted = {sound_rel(e["language"], e["id"], ext) for e in entries for ext in FORMATS}
    found = []
    if os.path.isdir(SOUNDS):
        for root, _, files in os.walk(SOUNDS):
            for name in files:
                rel = os.path.relpath(os.path.join(root, name), SOUNDS).replace(os.sep, "/")
                if rel not in wanted:
                    found.append(rel)
    return sorted(found)


def version_problems(e, old):
    where = f"{e['language']}/{e['id']}"
    if old is None:
        return []
    if e["version"] < old["version"]:
        return [f"{where}: version {e['version']} is lower than the manifest's {old['version']}; versions never go down"]
    if e["textSha256"] != old["textSha256"] and e["version"] == old["version"]:
        return [f"{where}: the text changed but its version is still {e['version']}; raise it to {e['version'] + 1} "
                f"(a version names one text for ever: it is the evidence of what callers heard)"]
    return []


def plan(workdir):
    _, entries, errors = load_prompts()
    manifest, merrors = load_manifest()
    errors += merrors
    lines = []
    for e in entries:
        key = (e["id"], e["language"])
        old = manifest.get(key)
        errors += version_problems(e, old)
        studio = studio_file(e["language"], e["id"])
        source = "studio" if studio else "espeak-ng"
        current = False
        if old is not None:
            missing, changed = file_problems(old)
            same_input = (old["textSha256"] == e["textSha256"] and old["version"] == e["version"]
                          and old.get("source") == source
                          and old.get("studioSha256") == (sha256_file(studio) if studio else None))
            if changed and same_input:
                errors += [f"sounds/{rel}: bytes differ from manifest.json although its text did not change; restore it "
                           f"(git checkout -- notice-prompts/sounds/{rel}) or, to re-create it on purpose, raise the "
                           f"prompt's version" for rel in changed]
            current = same_input and not missing and not changed
        if not current:
            text_path = os.path.join(workdir, f"{e['language']}__{e['id']}.txt")
            with open(text_path, "w", encoding="utf-8") as f:
                f.write(e["text"] + "\n")
            lines.append("\t".join([source, e["language"], e["id"], e["voice"], text_path, studio or "-"]))
    if errors:
        print("notice-prompts: prompts.yaml or the committed audio has problems; nothing was built:", file=sys.stderr)
        for problem in errors:
            print("  - " + problem, file=sys.stderr)
        sys.exit(1)
    for rel in orphans(entries):
        lines.append("orphan\t" + rel)
    print("\n".join(lines))


def wav_frames(path):
    with wave.open(path, "rb") as w:
        if (w.getframerate(), w.getnchannels(), w.getsampwidth()) != (8000, 1, 2):
            raise ValueError(f"{path}: expected 8000 Hz mono 16-bit, found {w.getframerate()} Hz, "
                             f"{w.getnchannels()} channel(s), {8 * w.getsampwidth()}-bit")
        return w.getnframes()


def expected_manifest(entries):
    prompts = []
    for e in entries:
        lang, pid = e["language"], e["id"]
        studio = studio_file(lang, pid)
        entry = {k: e[k] for k in ("id", "language", "version", "role", "purposes", "wording", "keys", "consentOnly",
                                   "text", "textSha256")}
        entry["source"] = "studio" if studio else "espeak-ng"
        if studio:
            entry["studioSha256"] = sha256_file(studio)
        entry["sampleRate"] = 8000
        entry["durationSamples"] = wav_frames(os.path.join(SOUNDS, sound_rel(lang, pid, "wav")))
        entry["files"] = {ext: {"path": sound_rel(lang, pid, ext),
                                "sha256": sha256_file(os.path.join(SOUNDS, sound_rel(lang, pid, ext)))}
                          for ext in FORMATS}
        prompts.append(entry)
    return json.dumps({"manifestVersion": MANIFEST_VERSION, "prompts": prompts},
                      indent=2, ensure_ascii=False) + "\n"


def write_manifest():
    _, entries, errors = load_prompts()
    if errors:
        sys.exit("notice-prompts: prompts.yaml has problems:\n  - " + "\n  - ".join(errors))
    text = expected_manifest(entries)
    tmp = MANIFEST + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, MANIFEST)


def check():
    _, entries, problems = load_prompts()
    manifest, merrors = load_manifest()
    problems += merrors
    if not os.path.exists(MANIFEST):
        problems.append("manifest.json does not exist")
    for e in entries:
        where = f"{e['language']}/{e['id']}"
        old = manifest.pop((e["id"], e["language"]), None)
        if old is None:
            problems.append(f"{where}: in prompts.yaml but not in manifest.json")
            continue
        problems += version_problems(e, old)
        for field in ("version", "role", "purposes", "wording", "keys", "consentOnly", "text", "textSha256"):
            if old.get(field) != e[field]:
                problems.append(f"{where}: {field} in manifest.json ({old.get(field)!r}) differs from prompts.yaml ({e[field]!r})")
        studio = studio_file(e["language"], e["id"])
        if studio and (old.get("source") != "studio" or old.get("studioSha256") != sha256_file(studio)):
            problems.append(f"{where}: studio recording studio/{where}.wav is new or changed but not built in")
        if not studio and old.get("source") != "espeak-ng":
            problems.append(f"{where}: manifest.json says source {old.get('source')!r} but there is no studio/{where}.wav")
        missing, changed = file_problems(old)
        problems += [f"sounds/{rel}: missing or not listed in manifest.json" for rel in missing]
        problems += [f"sounds/{rel}: SHA-256 differs from manifest.json" for rel in changed]
        wav = os.path.join(SOUNDS, sound_rel(e["language"], e["id"], "wav"))
        if os.path.isfile(wav):
            try:
                if wav_frames(wav) != old.get("durationSamples"):
                    problems.append(f"sounds/{where}.wav: has {wav_frames(wav)} samples, manifest.json says {old.get('durationSamples')}")
            except (ValueError, EOFError, wave.Error) as err:
                problems.append(f"sounds/{where}.wav: not a valid 8 kHz WAV ({err})")
    problems += [f"{lang}/{pid}: in manifest.json but not in prompts.yaml" for (pid, lang) in sorted(manifest)]
    problems += [f"sounds/{rel}: not part of any prompt in prompts.yaml" for rel in orphans(entries)]
    if not problems:
        with open(MANIFEST, encoding="utf-8") as f:
            if f.read() != expected_manifest(entries):
                problems.append("manifest.json is not in the form build.sh writes (edited by hand?)")
    if problems:
        print("notice-prompts --check: the manifest does not match the texts or the audio files:", file=sys.stderr)
        for problem in problems:
            print("  - " + problem, file=sys.stderr)
        print(f"To fix: {REBUILD_HINT}.", file=sys.stderr)
        sys.exit(1)
    print(f"notice-prompts --check: {len(entries)} prompts x {len(FORMATS)} formats match manifest.json")


if __name__ == "__main__":
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if command == "plan" and len(sys.argv) == 3:
        plan(sys.argv[2])
    elif command == "manifest":
        write_manifest()
    elif command == "check":
        check()
    else:
        sys.exit(__doc__)
