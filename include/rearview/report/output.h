// Files that reports are written to: names derived from opportunity ids, and
// writing that never leaves half a file behind or follows a symbolic link.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "rearview/core/error.h"

namespace rearview {

// The file name of an opportunity's report, such as "006Acme0001.html":
// letters, digits and '-' are kept, any other byte becomes "_XX" (its hex),
// so the name is one-to-one with the id, has no '/', '.', '~' or NUL, and
// can never be "index". Ids whose name would pass kMaxReportFileStem bytes
// are cut and end in a hash of the whole id instead.
std::string report_file_name(std::string_view id, std::string_view extension);
inline constexpr std::size_t kMaxReportFileStem = 120;

// Replaces `file` with `content` atomically: written to a temporary file in
// the same folder, flushed to the disk, then renamed over `file`. A failure
// removes the temporary and leaves an existing `file` untouched; a symbolic
// link at `file` is replaced, never followed. Errors name the cause (the disk
// is full, permission denied, read-only file system, ...).
//
// `synced` also flushes the file and its folder to the disk before returning,
// so it survives a power cut. `batch` skips that (two fsyncs a file would
// double the time of `report --all`); the writer of a batch calls
// sync_to_disk once at the end. Either way a killed process leaves the old
// file or the new one, never half of one.
enum class Durability { synced, batch };
Result<void> write_file_atomically(const std::filesystem::path& file, std::string_view content,
                                   Durability durability = Durability::synced);

// Flushes everything written to the file system holding `folder` (syncfs).
void sync_to_disk(const std::filesystem::path& folder);

}  // namespace rearview
