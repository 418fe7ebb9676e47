/*
 * parsewalk: the physical floor of a Markdown linter built on libcmark-gfm.
 *
 * For every file, in one process: read it, cmark_parser_new, attach the four GFM
 * extensions (table, strikethrough, autolink, tasklist), feed, finish, visit every node
 * with cmark_iter, free. Nothing is rendered. bench/run.py times poclint against it.
 *
 *   parsewalk [-l LISTFILE] [FILE...]      LISTFILE: one path a line
 *
 * Prints "files N bytes B nodes K unreadable U" on stderr. Exit 0, or 2 when a file
 * cannot be read (the others are still parsed) or on a usage error.
 *
 * Build: gcc -O2 -o parsewalk parsewalk.c -lcmark-gfm -lcmark-gfm-extensions
 */
#include <cmark-gfm.h>
#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *const extension_names[] = {"table", "strikethrough", "autolink", "tasklist"};

static long long total_bytes, total_nodes, total_files, unreadable;

static void parse_walk(const char *path, char **buf, size_t *cap) {
    FILE *f = fopen(path, "rb");
    if (!f) {
        fprintf(stderr, "parsewalk: %s: cannot open\n", path);
        unreadable++;
        return;
    }
    size_t len = 0, n;
    for (;;) {
        if (*cap - len < 65536) {
            *cap = *cap * 2 + 65536;
            *buf = realloc(*buf, *cap);
            if (!*buf) { perror("parsewalk: realloc"); exit(3); }
        }
        n = fread(*buf + len, 1, *cap - len, f);
        len += n;
        if (n == 0) break;
    }
    int failed = ferror(f);
    fclose(f);
    if (failed) {
        fprintf(stderr, "parsewalk: %s: read error\n", path);
        unreadable++;
        return;
    }

    cmark_parser *parser = cmark_parser_new(CMARK_OPT_DEFAULT);
    for (size_t i = 0; i < sizeof extension_names / sizeof *extension_names; i++) {
        cmark_syntax_extension *ext = cmark_find_syntax_extension(extension_names[i]);
        if (!ext) {
            fprintf(stderr, "parsewalk: extension %s not found\n", extension_names[i]);
            exit(3);
        }
        cmark_parser_attach_syntax_extension(parser, ext);
    }
    cmark_parser_feed(parser, *buf, len);
    cmark_node *doc = cmark_parser_finish(parser);

    cmark_iter *iter = cmark_iter_new(doc);
    cmark_event_type ev;
    long long nodes = 0;
    while ((ev = cmark_iter_next(iter)) != CMARK_EVENT_DONE) {
        if (ev == CMARK_EVENT_ENTER) nodes++;
    }
    cmark_iter_free(iter);
    cmark_node_free(doc);
    cmark_parser_free(parser);

    total_nodes += nodes;
    total_bytes += (long long)len;
    total_files++;
}

int main(int argc, char **argv) {
    cmark_gfm_core_extensions_ensure_registered();
    char *buf = NULL;
    size_t cap = 0;
    int first = 1;
    if (argc >= 3 && strcmp(argv[1], "-l") == 0) {
        FILE *list = strcmp(argv[2], "-") == 0 ? stdin : fopen(argv[2], "r");
        if (!list) {
            fprintf(stderr, "parsewalk: %s: cannot open the file list\n", argv[2]);
            return 2;
        }
        char *line = NULL;
        size_t lcap = 0;
        ssize_t l;
        while ((l = getline(&line, &lcap, list)) > 0) {
            while (l > 0 && (line[l - 1] == '\n' || line[l - 1] == '\r')) line[--l] = 0;
            if (l > 0) parse_walk(line, &buf, &cap);
        }
        free(line);
        if (list != stdin) fclose(list);
        first = 3;
    } else if (argc < 2 || strcmp(argv[1], "-h") == 0 || strcmp(argv[1], "--help") == 0) {
        fprintf(stderr, "usage: parsewalk [-l LISTFILE] [FILE...]\n");
        return 2;
    }
    for (int i = first; i < argc; i++) parse_walk(argv[i], &buf, &cap);
    free(buf);
    fprintf(stderr, "files %lld bytes %lld nodes %lld unreadable %lld\n", total_files, total_bytes, total_nodes,
            unreadable);
    return unreadable ? 2 : 0;
}
