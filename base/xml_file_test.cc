#include "base/xml_file.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "base/input_error.h"
#include "base/temp_tree_for_test.h"

namespace sipconf::base {
namespace {

using ::testing::ElementsAre;

std::vector<std::string> xml_diagnostic_lines(const Diagnostics& diags) {
  std::vector<std::string> out;
  for (const Diagnostic& d : diags) out.push_back(d.to_string());
  return out;
}

TEST(XmlFile, SyntaxErrorsHaveLineAndColumn) {
  XmlFile file;
  Diagnostics diags;
  EXPECT_EQ(file.parse("<a>\n  <b></c>\n</a>\n", "x.xml", diags), InputErrc::kNotWellFormed);
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_EQ(diags[0].where.line, 2);
  EXPECT_GT(diags[0].where.column, 0);
  EXPECT_THAT(diags[0].message, ::testing::StartsWith("XML is not well-formed: "));
}

TEST(XmlFile, OneRootElementOfTheExpectedName) {
  XmlFile file;
  Diagnostics diags;
  EXPECT_EQ(file.parse("<a/>\n<!-- fine -->\n<b/>\n", "x.xml", diags), InputErrc::kWrongStructure);
  EXPECT_EQ(file.parse("<!-- only a comment -->", "y.xml", diags), InputErrc::kNotWellFormed);
  XmlFile other;
  ASSERT_FALSE(other.parse("<config/>", "z.xml", diags));
  EXPECT_EQ(other.expect_root("mediation", "a mediation configuration", diags),
            InputErrc::kWrongStructure);
  EXPECT_FALSE(other.expect_root("config", "a config", diags));
  EXPECT_EQ(diags.front().to_string(),
            "x.xml:3: a second root element <b> (the file holds one, <a>)");
  EXPECT_EQ(diags.back().to_string(),
            "z.xml:1: the root element is <config>; a mediation configuration starts with "
            "<mediation>");
}

TEST(XmlFile, AnUnreadableFileSaysWhy) {
  XmlFile file;
  Diagnostics diags;
  EXPECT_EQ(file.load("/nonexistent/case.xml", diags), InputErrc::kUnreadable);
  EXPECT_THAT(
      xml_diagnostic_lines(diags),
      ElementsAre("/nonexistent/case.xml: cannot read the file: No such file or directory"));
  testing::TempTree tree;
  EXPECT_FALSE(file.load(tree.write("ok.xml", "<ok/>"), diags));
  EXPECT_EQ(file.root().name(), std::string("ok"));
}

TEST(XmlFile, AttributesAreFoundAtTheirColumn) {
  XmlFile file;
  Diagnostics diags;
  ASSERT_FALSE(file.parse("<r>\n  <e a=\"1\"\n     b = '2'/>\n</r>\n", "x.xml", diags));
  const pugi::xml_node e = file.root().child("e");
  EXPECT_EQ(file.where(e).line, 2);
  EXPECT_EQ(file.where(e).column, 0) << "elements keep the line-only form";
  const SourceLocation a = file.where_attribute(e, "a");
  EXPECT_EQ(a.line, 2);
  EXPECT_EQ(a.column, 6);
  const SourceLocation b = file.where_value(e, "b");
  EXPECT_EQ(b.line, 3);
  EXPECT_EQ(b.column, 11);
  EXPECT_EQ(file.where_value(e, "c").column, 0) << "an absent attribute: the element's line";
}

TEST(ElementReader, UnknownAndRepeatedAttributesAreReportedWhereTheyAre) {
  XmlFile file;
  Diagnostics diags;
  ASSERT_FALSE(file.parse("<r>\n  <e a=\"1\" colour=\"red\" a=\"2\"/>\n</r>\n", "x.xml", diags));
  const ElementReader reader(file, file.root().child("e"), diags, {"a"});
  EXPECT_THAT(xml_diagnostic_lines(diags),
              ElementsAre("x.xml:2:12: unknown attribute `colour` on <e> (allowed: a)",
                          "x.xml:2:25: attribute `a` appears twice on <e>"));
}

TEST(ElementReader, BadValuesAreReportedAtTheValue) {
  XmlFile file;
  Diagnostics diags;
  ASSERT_FALSE(
      file.parse("<case timeout=\"5\" on=\"yes\" n=\"x\" d=\"1h\" m=\"10m\"/>\n", "c.xml", diags));
  const ElementReader reader(file, file.root(), diags, {"timeout", "on", "n", "d", "m"});
  EXPECT_FALSE(reader.duration("timeout"));
  EXPECT_FALSE(reader.optional_boolean("on"));
  EXPECT_FALSE(reader.integer("n", 0, 9));
  EXPECT_EQ(reader.duration("d"), std::chrono::hours(1));
  EXPECT_EQ(reader.duration("m"), std::chrono::minutes(10));
  EXPECT_THAT(xml_diagnostic_lines(diags),
              ElementsAre("c.xml:1:16: attribute `timeout` of <case>: `5` has no unit: write it "
                          "with one of us, ms, s, min or h, e.g. 5s or 5ms",
                          "c.xml:1:23: attribute `on` of <case>: `yes`: write true",
                          "c.xml:1:31: attribute `n` of <case>: `x` is not an integer"));
}

TEST(ElementReader, ChildrenAreCheckedAndASingleOneIsSingle) {
  XmlFile file;
  Diagnostics diags;
  ASSERT_FALSE(file.parse("<r>\n  <a/>\n  <b/>\n  <a/>\n  text\n</r>\n", "x.xml", diags));
  const ElementReader reader(file, file.root(), diags, {});
  reader.allow_children({"a"});
  EXPECT_TRUE(reader.single_child("a"));
  EXPECT_FALSE(reader.single_child("c"));
  EXPECT_THAT(xml_diagnostic_lines(diags),
              ElementsAre("x.xml:3: unknown element <b> inside <r> (allowed: a)",
                          "x.xml:1: <r> holds elements, not text",
                          "x.xml:4: <a> may appear only once in <r>"));
}

}  // namespace
}  // namespace sipconf::base
