/*
 * version.h: the release of this source tree.
 */
#ifndef SAMSKAB_CORE_VERSION_H
#define SAMSKAB_CORE_VERSION_H

#define SAMSKAB_VERSION "0.1.0"

#endif
