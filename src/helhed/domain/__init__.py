"""Pure domain cores: plain Python over plain data, no Django imports.

Each subpackage (indicators, arealists, gains, reporting, …) is usable from the CLI on a laptop
without a database and is unit-tested with exact expected values. The Django apps beside this
package persist, authorise and present what these cores compute.
"""
