"""The console as a newcomer uses it: `python -m bot console --script FILE`, the
interactive prompt, and the demo."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]

SCRIPT = """\
# comment
@vera:staf /oproep open vraag:"Waar loop je tegenaan?" reden:"We brengen knelpunten naar de landelijke tafel"
@sanne:lid thread 1 Er is geen plek waar ouders elkaar ontmoeten.
@ahmed:ambassadeur dm De arbeidseis sluit gezinnen uit van de opvang.
@kees:lid thread 1 Iets heel anders.
@vera:staf /ordenen
@vera:staf klik relevant
@vera klik "Nieuw knelpunt" titel:"Geen ontmoetingsplek voor ouders"
@vera klik "#1 Geen ontmoetingsplek voor ouders"
@vera klik "Niet relevant"
@vera /knelpunt fase nr:1 fase:toetsen
@vera /peiling start knelpunt:1
@lotte:lid klik "Herken ik"
@vera /knelpunt fase nr:1 fase:agenderen
@vera /knelpunt agendeer nr:1 tafel:Verbindingsroute actie:agendering
@vera /oproep open vraag:
@vera /terugkoppeling knelpunt:1 tekst:"Besproken aan de Verbindingsroute"
"""


def run_bot(*args: str, stdin: str | None = None, tmp: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "BOT_DATABASE_URL": f"sqlite:///{tmp / 'bot.db'}",
           "BOT_CONFIG": str(ROOT / "config" / "community.example.toml")}
    for name in ("DISCORD_TOKEN", "SLACK_BOT_TOKEN", "SLACK_APP_TOKEN"):
        env.pop(name, None)
    return subprocess.run([sys.executable, "-m", "bot", *args], input=stdin, text=True,
                          capture_output=True, cwd=tmp, env=env, timeout=120, check=False)


def test_script_runs_the_pipeline_and_dms_reach_exactly_those_involved(tmp_path):
    script = tmp_path / "pipeline.txt"
    script.write_text(SCRIPT, encoding="utf-8")
    result = run_bot("console", "--script", str(script), tmp=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    out = result.stdout
    assert "[#oproepen] **📣 Oproep #1**" in out
    assert "⚠️ Vul `vraag:` in" in out  # a refused command is an answer, not a script error
    feedback = out.split("/terugkoppeling", 1)[1]
    dms = sorted(line.split("]")[0] + "]" for line in feedback.splitlines()
                 if line.startswith("[dm @"))
    assert dms == ["[dm @ahmed]", "[dm @lotte]", "[dm @sanne]"]  # not kees (not relevant)
    assert "Traceback" not in result.stderr


def test_script_with_a_line_the_console_cannot_read_exits_1(tmp_path):
    script = tmp_path / "bad.txt"
    script.write_text("@vera:staf vlieg naar de maan\n@vera:baas /help\n", encoding="utf-8")
    result = run_bot("console", "--script", str(script), tmp=tmp_path)
    assert result.returncode == 1
    assert "onbekende actie 'vlieg'" in result.stdout and "onbekende rol 'baas'" in result.stdout


def test_interactive_console_without_tokens(tmp_path):
    result = run_bot(stdin="@sanne:lid /signaal tekst:\"Het schuurt\"\n@sanne /mijn signalen\n",
                     tmp=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Signaalbot console" in result.stdout
    assert "#1" in result.stdout and "Het schuurt" in result.stdout
    assert (tmp_path / "bot.db").exists()


def test_demo_runs_all_seven_steps(tmp_path):
    result = run_bot("demo", tmp=tmp_path)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr
    out = result.stdout
    for marker in ("📣 Oproep #1", "Ordenen: signaal", "📊 Uitslag peiling #1",
                   "oorzaak (financiering)", "Interview over knelpunt #1", "geagendeerd bij",
                   "[dm @sanne] **🔁 Wat er gebeurde met knelpunt #1**", "oogsten → geparkeerd",
                   "dubbel met signaal #1 en telt mee bij knelpunt #1",
                   "[dm @kees] **🔁 Wat er gebeurde met knelpunt #1**", "samengevoegd met #1",
                   "toetsen → agenderen", "[dm @sanne] **⏰ Herinnering: Samen ziekteverzuim aanpakken**"):
        assert marker in out, marker
    assert "! regel" not in out


def test_export_and_migrate_commands(tmp_path):
    assert run_bot("migrate", tmp=tmp_path).returncode == 0
    result = run_bot("export", "--format", "csv", "--out", str(tmp_path / "csv"), tmp=tmp_path)
    assert result.returncode == 0
    assert (tmp_path / "csv" / "knelpunten.csv").read_text(encoding="utf-8-sig").startswith("nr;titel;fase")
    result = run_bot("export", "--format", "csv", "--out", str(tmp_path / "x.csv"), tmp=tmp_path)
    assert result.returncode == 2 and "geef met --out een map op" in result.stderr
