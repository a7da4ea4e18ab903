// The snapshot is a core type (the Store loads it); analyses include it from here too.
#pragma once

#include "rearview/core/snapshot.h"
