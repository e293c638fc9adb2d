/*
 * yamlloop.c - the physical limit for loading: read a file the way
 * relgraph does (all of it into memory), then run libyaml's parser over it
 * and count the events, doing nothing else.
 *
 *     bench/yamlloop FILE.yaml      prints "<events> events"
 *
 * Exit status 0, or 1 on a read or syntax error.
 */
#include <yaml.h>

#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: yamlloop FILE.yaml\n");
        return 2;
    }
    FILE *f = fopen(argv[1], "rb");
    if (!f) {
        perror(argv[1]);
        return 1;
    }
    size_t cap = 1 << 16, len = 0;
    unsigned char *data = malloc(cap);
    for (;;) {
        if (len == cap)
            data = realloc(data, cap *= 2);
        if (!data) {
            fprintf(stderr, "yamlloop: out of memory\n");
            return 1;
        }
        size_t r = fread(data + len, 1, cap - len, f);
        if (r == 0)
            break;
        len += r;
    }
    fclose(f);

    yaml_parser_t p;
    if (!yaml_parser_initialize(&p))
        return 1;
    yaml_parser_set_input_string(&p, data, len);
    yaml_parser_set_encoding(&p, YAML_UTF8_ENCODING);
    unsigned long events = 0;
    for (;;) {
        yaml_event_t ev;
        if (!yaml_parser_parse(&p, &ev)) {
            fprintf(stderr, "%s:%zu:%zu: %s\n", argv[1], p.problem_mark.line + 1,
                    p.problem_mark.column + 1, p.problem ? p.problem : "error");
            return 1;
        }
        events++;
        int end = ev.type == YAML_STREAM_END_EVENT;
        yaml_event_delete(&ev);
        if (end)
            break;
    }
    yaml_parser_delete(&p);
    free(data);
    printf("%lu events\n", events);
    return 0;
}
