#include "mediation/routing/routing_error.h"

#include <string>

namespace sipconf::mediation {
namespace {

class RoutingCategory final : public std::error_category {
 public:
  const char* name() const noexcept override { return "routing"; }

  std::string message(int value) const override {
    switch (static_cast<RoutingErrc>(value)) {
      case RoutingErrc::kPatternDoesNotCompile:
        return "the number pattern is not a valid ECMAScript regex";
    }
    return "unknown routing error";
  }
};

}  // namespace

const std::error_category& routing_category() {
  static const RoutingCategory category;
  return category;
}

}  // namespace sipconf::mediation
