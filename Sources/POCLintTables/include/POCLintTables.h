/* The built-in rule pack's pattern tables, computed at build time by scripts/embed-rules.py
 * (BuiltInTables.c is generated; this header is not). RulePack builds the built-in pack from
 * them instead of normalising every pattern and building two automata at start-up; a test
 * checks they equal what RulePack.init computes from the same packs. Arrays are never empty
 * (an unused one holds a single 0), so no pointer is NULL. */
#ifndef POCLINT_TABLES_H
#define POCLINT_TABLES_H
#include <stdint.h>

/* The stored tables of one PhraseAutomaton (Sources/POCLintCore/Text/PhraseAutomaton.swift). */
typedef struct {
    const uint8_t *classes;        /* 256 */
    uint32_t classCount;
    uint32_t denseCount;
    const uint32_t *delta;         /* denseCount * classCount */
    uint32_t sparseCount;
    const uint32_t *sparseFail;    /* sparseCount */
    const uint32_t *edgeStart;     /* sparseCount + 1 */
    uint32_t edgeCount;
    const uint8_t *edgeClass;      /* edgeCount */
    const uint32_t *edgeNext;      /* edgeCount */
    uint32_t stateCount;
    const int32_t *output;         /* stateCount */
    const int32_t *outputLink;     /* stateCount */
    uint32_t extraCount;
    const int32_t *extraOutputs;   /* extraCount (state, pattern) pairs */
    uint32_t patternCount;
    const int32_t *patternLengths; /* patternCount */
} POCLintAutomatonTables;

/* What RulePack.init computes from the packs. */
typedef struct {
    uint32_t keyCount;
    const uint8_t *keyBytes;       /* the normalised keys, concatenated (UTF-8) */
    const uint32_t *keyStart;      /* keyCount + 1 offsets into keyBytes */
    const uint32_t *entryStart;    /* keyCount + 1 offsets into entries */
    const uint32_t *entries;       /* PatternKind position << 24 | index */
    uint32_t eagerCount;
    const uint32_t *eagerIDs;
    uint32_t lazyCount;
    const uint32_t *lazyIDs;
    POCLintAutomatonTables eager;
    POCLintAutomatonTables lazy;
} POCLintPackTables;

/* The built-in pack's tables. */
const POCLintPackTables *poclint_builtin_tables(void);

#endif
