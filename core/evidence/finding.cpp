#include "core/evidence/finding.h"

namespace releasedesk {

std::string_view toString(Severity severity) {
  switch (severity) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Info: return "info";
  }
  return "error";
}

}  // namespace releasedesk
