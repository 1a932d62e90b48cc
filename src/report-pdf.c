/* report-pdf: a report document as an PDF (cairo and pango). */
#include "report.h"

#include "report-doc.h"
#include "util.h"

int
report_write_pdf(FILE *fp, const struct rdoc *d, char **cause)
{
	(void)fp;
	(void)d;
	*cause = xstrdup("pdf: not built yet");
	return -1;
}
