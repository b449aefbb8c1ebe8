"""Which packages the distribution holds, and where they live (all else is in pyproject.toml).

Every package under contracts/, src/ and adapters/, and specs/ installed as `mall_specs` (data
only), so an installed IntelliMall serves its specs without the source tree. pyproject.toml
cannot say this: `packages.find` never adds a package whose folder has another name.
"""

from setuptools import find_namespace_packages, setup

# folder -> the package its contents become ("" keeps the folder's own package names)
FOLDERS = {"contracts": "", "src": "", "adapters": "", "specs": "mall_specs"}

package_dir: dict[str, str] = {}
for folder, package in FOLDERS.items():
    if package:
        package_dir[package] = folder
    for found in find_namespace_packages(folder):
        name = f"{package}.{found}" if package else found
        package_dir[name] = f"{folder}/{found.replace('.', '/')}"

setup(packages=list(package_dir), package_dir=package_dir)
