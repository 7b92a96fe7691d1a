// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// How commands are declared: each area of the command line adds its own list (see cli.cpp).

#include "domain/result.h"
#include "domain/timefmt.h"

#include <QCommandLineParser>
#include <QJsonObject>
#include <QString>

#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace tideline {
class CaseFile;
class LogSigner;
struct PackVerification;
struct Finding;
}

namespace tideline::cli {

struct Command {
    QString name;
    QString synopsis; // "import --case CASE [--env NAME] PATH…"
    QString summary; // one line
    std::function<void(QCommandLineParser&)> options;
    std::function<int(QCommandLineParser&)> run;
    bool draws = false; // needs a QGuiApplication (offscreen will do): it draws the PDF pack
};

std::vector<Command> timelineCommands();
std::vector<Command> complianceCommands();
std::vector<Command> evidenceCommands();
std::vector<Command> packCommands();
std::vector<Command> bundleCommands();
std::vector<Command> contentsCommands();
std::vector<Command> controlCommands(); // watch, retract

// Shared helpers for command implementations.
// --case; importCreates: the command makes the case when it does not exist (import).
QCommandLineOption caseOption(bool importCreates = false);
QCommandLineOption jsonOption();
// An option with a value when value names it (e.g. "NAME"), a flag otherwise.
QCommandLineOption opt(const QString& name, const QString& help, const QString& value = QString());
// Whether --json was given.
bool json(const QCommandLineParser& p);
// Opens --case; on failure prints the problem and returns null.
std::unique_ptr<CaseFile> openCase(const QCommandLineParser& p, bool writable, bool mustExist = true);
int fail(const Problem& p, int code);
int fail(const QString& message, int code);
// A time option (--at, --from, --to); prints and returns false when malformed.
bool timeOption(const QCommandLineParser& p, const QString& name, std::optional<Millis>& out);

// --fail-on open|none|KIND|SEVERITY (check, watch): what makes the command exit 1; default open.
QCommandLineOption failOnOption();
// A finding as check --json and watch print it.
QJsonObject findingJson(const Finding& f);

// Signing keys (signing.cpp). --log-key FILE, on every command that writes the case's log.
QCommandLineOption logKeyOption();
// --signer SHA256 and --key FILE: who must have signed what (what: "The pack").
QList<QCommandLineOption> pinOptions(const QString& what);
// Sets the key this process signs log entries with: --log-key, else TIDELINE_LOG_KEY, else the exporter key (made
// on first use). False (printed) when --log-key does not load.
bool installLogSigner(const QCommandLineParser& p);
// The sha256 --signer or --key pins; empty when neither is given; nullopt (printed) when malformed.
std::optional<QString> pinnedSigner(const QCommandLineParser& p);
// The reviewer's own key: --signing-key, else TIDELINE_REVIEW_KEY; null when neither.
Result<std::shared_ptr<const LogSigner>> reviewerKey(const QCommandLineParser& p);
// "signer: …": which key verified a pack, and whether it was the one expected (pack_commands.cpp).
QString packSignerLine(const PackVerification& v);

} // namespace tideline::cli
