# SPDX-License-Identifier: GPL-3.0-or-later
# Read by cpack once per generator (CPACK_PROJECT_CONFIG_FILE), with CPACK_GENERATOR naming the one at work.
if(CPACK_GENERATOR STREQUAL "DEB")
  # Everything but the licence_text component: the package's copyright file refers to Debian's copy of the GPL.
  # Every other install() rule is in the default component, Unspecified.
  string(REPLACE ";ALL;" ";Unspecified;" CPACK_INSTALL_CMAKE_PROJECTS "${CPACK_INSTALL_CMAKE_PROJECTS}")
endif()
