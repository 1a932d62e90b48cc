/*
 * report-module: the mark of the module cchc-out.so (report-xlsx.c and
 * report-pdf.c with it): the headers it was built from, which the
 * program checks before it calls the module (report-out.c).
 */
#include "abi.h"

extern const char report_module_abi[];
const char report_module_abi[] = REPORT_MODULE_ABI;
