// Errors that a caller is expected to handle travel as values (Result<T>);
// exceptions are reserved for bugs.
#pragma once

#include <expected>
#include <string>
#include <utility>

namespace rearview {

enum class ErrorCode {
  invalid_input,      // a file or value does not have the expected shape
  missing_reference,  // a row names a record that does not exist
  not_found,          // a file, record or setting the user named is not there
  io,                 // reading or writing a file failed
  database_locked,    // another process holds the database
  database_too_new,   // the database was written by a newer rearview
  database,           // any other storage failure
  config,             // rearview.toml is wrong
  usage,              // the command line is wrong
  denied,             // who asked may not do it, or did not say who they are
  rate_limited,       // too many attempts: try again later
};

struct Error {
  ErrorCode code = ErrorCode::invalid_input;
  std::string message;
  std::string hint;  // what the user can do about it; may be empty
};

template <typename T>
using Result = std::expected<T, Error>;

inline std::unexpected<Error> fail(ErrorCode code, std::string message, std::string hint = {}) {
  return std::unexpected<Error>(Error{code, std::move(message), std::move(hint)});
}

}  // namespace rearview
