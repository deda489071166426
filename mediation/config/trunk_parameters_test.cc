#include "mediation/config/trunk_parameters.h"

#include <gtest/gtest.h>

#include "mediation/config/trunk_parameters_test_support.h"

namespace sipconf::mediation {
namespace {

// Each row sets its own member: changing one parameter changes no other row's value.
TEST(TrunkParameterTable, RowsAreDistinctMembersWithDistinctNames) {
  const TrunkParameters defaults;
  for (const TrunkParameter& row : trunk_parameters()) {
    TrunkParameters p;
    testing::set_off_default(row, p);
    for (const TrunkParameter& other : trunk_parameters()) {
      if (&other == &row) continue;
      EXPECT_NE(other.name, row.name);
      if (!row.manifest_name.empty()) {
        EXPECT_NE(other.manifest_name, row.manifest_name);
      }
      EXPECT_EQ(format_value(other, p), format_value(other, defaults))
          << row.name << " also changes " << other.name;
    }
  }
}

TEST(TrunkParameterTable, BadValuesSayWhatIsExpected) {
  TrunkParameters p;
  std::string why;
  auto find = [](std::string_view name) {
    for (const TrunkParameter& row : trunk_parameters()) {
      if (row.name == name) return row;
    }
    ADD_FAILURE() << "no row " << name;
    return trunk_parameters().front();
  };
  EXPECT_FALSE(parse_value(find("ForwardPAI"), "yes", p, why));
  EXPECT_EQ(why, "`yes`: write true");
  EXPECT_FALSE(parse_value(find("MaxEarlyDialogs"), "0", p, why));
  EXPECT_EQ(why, "out of range 1..1000");
  EXPECT_FALSE(parse_value(find("SRTPMode"), "required", p, why));
  EXPECT_EQ(why, "expected Required, Optional or NotSupported");
  EXPECT_EQ(p, TrunkParameters());
  // Lync's cmdlets print True and False.
  EXPECT_TRUE(parse_value(find("ForwardPAI"), "True", p, why));
  EXPECT_TRUE(p.forward_pai);
}

}  // namespace
}  // namespace sipconf::mediation
