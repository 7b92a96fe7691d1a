// SPDX-License-Identifier: GPL-3.0-or-later
#pragma once

// Shared by the fuzz targets: turning libFuzzer's bytes into what our readers take, and touching every part of
// a result so that the sanitizers see each read of what the reader built.

#include "domain/result.h"

#include <QByteArray>
#include <QString>

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace fuzz {

// The bytes as a QByteArray with the padding the JSON parser reads past the end (as the importer gives them).
QByteArray bytes(const std::uint8_t* data, std::size_t size);

// A file of these bytes in a private temporary folder (one per process), overwritten on each call.
QString writeTemp(const QString& name, const QByteArray& bytes);

// Splits the input at the first occurrence of sep: the part before and the part after (all of it and nothing
// when sep is absent). Lets one input carry two files (a key and an envelope, a base and a frame).
std::pair<QByteArray, QByteArray> split(const QByteArray& input, std::string_view sep);

// A problem must say what is wrong, and a reader's problem must name the file it was given.
void checkProblem(const tideline::Problem& p, const QString& file);

// Reads every character of the string (ASan then checks the whole buffer), returning a value the optimiser keeps.
std::size_t touch(const QString& s);
std::size_t touch(const std::string& s);

} // namespace fuzz

// libFuzzer's entry point, declared once for every target.
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);
