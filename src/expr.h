/*
 * expr: the arithmetic of "formula" items.  Pure.
 *
 * Grammar: expr := term (('+'|'-') term)*; term := unary (('*'|'/') unary)*;
 * unary := '-' unary | primary; primary := NUMBER | NAME | '(' expr ')'.
 * NUMBER has at most two decimals ('.' or ','); NAME is [A-Za-z_][A-Za-z0-9_]*.
 * Evaluation is exact, over rationals of int64_t, so no floating point
 * touches a score.  It is written by hand because no C library evaluates
 * exact rational expressions over named inputs with this little code.
 */
#ifndef CCHC_EXPR_H
#define CCHC_EXPR_H

#include <stddef.h>
#include <stdint.h>

struct expr;

/*
 * A formula is short: at most EXPR_MAX_LEN bytes, EXPR_MAX_TOKENS numbers,
 * names, operators and parentheses, and EXPR_MAX_DEPTH levels of nested
 * parentheses and minus signs.  These bound the recursion of the parser
 * and the evaluator, so neither can exhaust the stack.
 */
#define EXPR_MAX_LEN	1024
#define EXPR_MAX_TOKENS	256
#define EXPR_MAX_DEPTH	32

/*
 * Parse text; every NAME must be one of names[0..nnames).  Returns the tree
 * (caller frees with expr_free), or NULL with *cause set (caller frees).
 */
struct expr	*expr_parse(const char *text, const char *const *names,
		    size_t nnames, char **cause);
void		 expr_free(struct expr *);

/*
 * Evaluate with values[i] (in hundredths) bound to names[i] of the parse,
 * rounding the exact result half up to hundredths into *out.  Returns 0, or
 * -1 with *cause set (caller frees) on overflow, or EXPR_EVAL_DIVZERO
 * with *cause set on a division by zero.
 * Every operation is checked: no input makes it crash or overflow.
 */
int		 expr_eval(const struct expr *, const int64_t *values,
		    int64_t *out, char **cause);
#define EXPR_EVAL_DIVZERO (-2)

/*
 * Compare two expressions exactly for the same values: *sign is -1, 0 or
 * 1 as l is below, equal to or above r.  Returns 0, or as expr_eval.
 */
int		 expr_compare(const struct expr *l, const struct expr *r,
		    const int64_t *values, int *sign, char **cause);

#endif
