/* report-xlsx: a report document as an XLSX workbook (libxlsxwriter). */
#include "report.h"

#include "report-doc.h"
#include "util.h"

int
report_write_xlsx(FILE *fp, const struct rdoc *d, char **cause)
{
	(void)fp;
	(void)d;
	*cause = xstrdup("xlsx: not built yet");
	return -1;
}
