#include "base/diagnostic_renderer.h"

#include <gtest/gtest.h>

#include "base/temp_tree_for_test.h"

namespace sipconf::base {
namespace {

TEST(DiagnosticRenderer, ShowsTheLineAndACaretUnderTheColumn) {
  const Diagnostic d{{"m.xml", 2, 14}, "t1=\"5\" is not valid"};
  EXPECT_EQ(render_diagnostic(d, "  <timers t1=\"5\"/>"),
            "m.xml:2:14: t1=\"5\" is not valid\n"
            "      <timers t1=\"5\"/>\n"
            "                 ^\n");
}

TEST(DiagnosticRenderer, KeepsTabsAndCountsAMultiByteCharacterOnce) {
  const Diagnostic tab{{"p.xml", 1, 3}, "here"};
  EXPECT_EQ(render_diagnostic(tab, "\t\tx"), "p.xml:1:3: here\n    \t\tx\n    \t\t^\n");
  const Diagnostic utf8{{"p.xml", 1, 4}, "here"};  // "é" is two bytes
  EXPECT_EQ(render_diagnostic(utf8,
                              "\xc3\xa9"
                              "ab"),
            "p.xml:1:4: here\n    \xc3\xa9"
            "ab\n      ^\n");
}

TEST(DiagnosticRenderer, WithoutAColumnOnlyTheLineAndWithoutALineOnlyTheMessage) {
  EXPECT_EQ(render_diagnostic({{"c.xml", 15, 0}, "unknown element"}, "  <expectation>"),
            "c.xml:15: unknown element\n      <expectation>\n");
  EXPECT_EQ(render_diagnostic({{"c.xml", 3, 1}, "blank"}, "   "), "c.xml:3:1: blank\n");
  DiagnosticRenderer renderer;
  EXPECT_EQ(renderer.render(Diagnostic{{"--behaviour", 0, 0}, "unknown key"}),
            "--behaviour: unknown key\n");
}

TEST(DiagnosticRenderer, ReadsFilesOnceAndTakesTextLent) {
  testing::TempTree tree;
  const auto path = tree.write("a.xml", "<a>\n  <b x=\"1\"/>\n</a>\n");
  DiagnosticRenderer renderer;
  renderer.add_source("memory.xml", "first\nsecond\n");
  const Diagnostics diags = {{{path, 2, 6}, "bad x"}, {{"memory.xml", 2, 1}, "here"}};
  EXPECT_EQ(renderer.render(diags), path.string() +
                                        ":2:6: bad x\n"
                                        "      <b x=\"1\"/>\n"
                                        "         ^\n"
                                        "memory.xml:2:1: here\n"
                                        "    second\n"
                                        "    ^\n");
  EXPECT_EQ(renderer.render(Diagnostic{{tree.root() / "missing.xml", 3, 0}, "gone"}),
            (tree.root() / "missing.xml").string() + ":3: gone\n");
}

}  // namespace
}  // namespace sipconf::base
