/*
 * test_viewer.c - the interactive page in a real browser: runs
 * tests/viewer.py (python3-selenium driving headless Chromium through
 * chromium-driver; make check installs the three), which opens the pages
 * relgraph ($RELGRAPH) writes and works every control by mouse, keyboard
 * and touch, compares what they show with relgraph's own --as-of,
 * --exclude-kinds and --focus, and checks the CSP, that no request is
 * made, hostile text, the themes and print. Its report is printed as it
 * is. Where the browser cannot be installed, the test says so in one line
 * and is skipped.
 */
#include "cliutil.h"

static void test_in_chromium(void **state)
{
    (void)state;
    setenv("RELGRAPH", cu_binary(), 1);
    cu_result r = CU_EXEC(NULL, cu_python(), "tests/viewer.py");
    if (r.status == 77) {
        /* viewer.py's one line: what is missing. */
        printf("test_viewer: %s", r.out);
        fflush(stdout);
        cu_result_free(&r);
        skip();
        return;
    }
    fputs(r.out, stdout);
    fputs(r.err, stdout);
    fflush(stdout);
    if (r.status != 0)
        fail_msg("tests/viewer.py failed (exit status %d)", r.status);
    assert_non_null(strstr(r.err, "\nOK\n"));
    cu_result_free(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_in_chromium),
    };
    return cmocka_run_group_tests_name("viewer", tests, NULL, NULL);
}
