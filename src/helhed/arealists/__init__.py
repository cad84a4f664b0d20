"""The official area lists in the app (issue 4). The rule core is helhed.domain.arealists."""
