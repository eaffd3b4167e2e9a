/*
 * check_version.c - the version macros of mlopsgraph.h agree with
 * configure's version (AC_INIT, PACKAGE_VERSION in config.h) and with
 * mg_version(), which `mlops-graph --version` prints (tests/cli/run.sh).
 */
#include "config.h"

#include <stdio.h>

#include "testutil.h"

START_TEST(macros_equal_configure_version)
{
    char made[64];

    snprintf(made, sizeof made, "%d.%d.%d", MG_VERSION_MAJOR, MG_VERSION_MINOR,
             MG_VERSION_PATCH);
    ck_assert_str_eq(made, PACKAGE_VERSION);
    ck_assert_str_eq(mg_version(), PACKAGE_VERSION);
}
END_TEST

START_TEST(hex_packs_major_minor_patch)
{
    /* one byte each, major highest: 1.2.3 would be 0x010203 */
    ck_assert_int_eq(MG_VERSION_HEX >> 16, MG_VERSION_MAJOR);
    ck_assert_int_eq((MG_VERSION_HEX >> 8) & 0xff, MG_VERSION_MINOR);
    ck_assert_int_eq(MG_VERSION_HEX & 0xff, MG_VERSION_PATCH);
    ck_assert(MG_VERSION_MINOR < 256 && MG_VERSION_PATCH < 256);
#if MG_VERSION_HEX < 0x000100
#error "MG_VERSION_HEX is not usable in #if, or the version went backwards"
#endif
}
END_TEST

static Suite *version_suite(void)
{
    Suite *s = suite_create("version");
    TCase *tc = tcase_create("core");

    tcase_add_test(tc, macros_equal_configure_version);
    tcase_add_test(tc, hex_packs_major_minor_patch);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    return run_suite(version_suite());
}
