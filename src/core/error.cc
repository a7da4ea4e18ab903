#include "rearview/core/error.h"

namespace rearview {

int exit_status(ErrorCode code) {
  switch (code) {
    case ErrorCode::usage:
      return 2;
    case ErrorCode::invalid_input:
    case ErrorCode::missing_reference:
      return 3;
    case ErrorCode::not_found:
    case ErrorCode::io:
      return 4;
    case ErrorCode::database_locked:
    case ErrorCode::database_too_new:
    case ErrorCode::database:
      return 5;
    case ErrorCode::config:
      return 6;
  }
  return 1;
}

}  // namespace rearview
