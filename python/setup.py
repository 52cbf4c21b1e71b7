"""Builds crossclaim._crossclaim with the repository's CMake build (python/CMakeLists.txt)
and packages it with crossclaim/*.py. Driven by `pip install --no-build-isolation ./python`
(pyproject.toml); needs cmake, a C++20 compiler, pybind11-dev and the engine's libraries
(scripts/install-deps.sh), all from Debian.

CROSSCLAIM_CMAKE_BUILD_DIR=DIR reuses an already configured build tree (one with the Python
module on) instead of configuring a fresh one in setuptools' build_temp.
"""
import os
import pathlib
import shutil
import subprocess
import sys

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

HERE = pathlib.Path(__file__).resolve().parent


class CMakeExtension(Extension):
    def __init__(self, name):
        super().__init__(name, sources=[])


class CMakeBuild(build_ext):
    def build_extension(self, ext):
        build_dir = os.environ.get("CROSSCLAIM_CMAKE_BUILD_DIR")
        if build_dir:
            build_dir = pathlib.Path(build_dir).resolve()
        else:
            root = HERE.parent
            if not (root / "CMakeLists.txt").exists() or not (root / "similarity").is_dir():
                sys.exit(f"crossclaim: {HERE} must be the python/ folder of a crossclaim "
                         "checkout (the engine is built from its parent), or set "
                         "CROSSCLAIM_CMAKE_BUILD_DIR to a configured build tree")
            build_dir = pathlib.Path(self.build_temp).resolve() / "cmake"
            configure = ["cmake", "-S", str(root), "-B", str(build_dir),
                         "-DCMAKE_BUILD_TYPE=Release", "-DCROSSCLAIM_BUILD_PYTHON=ON",
                         "-DCROSSCLAIM_BUILD_TESTS=OFF", "-DCROSSCLAIM_BUILD_BENCH=OFF",
                         f"-DPython_EXECUTABLE={sys.executable}"]
            if shutil.which("ninja"):
                configure += ["-G", "Ninja"]
            if shutil.which("ccache"):
                configure += ["-DCMAKE_CXX_COMPILER_LAUNCHER=ccache"]
            subprocess.run(configure, check=True)
        subprocess.run(["cmake", "--build", str(build_dir), "--target", "crossclaim_python",
                        "-j", str(os.cpu_count() or 1)], check=True)
        built = sorted((build_dir / "python" / "crossclaim").glob("_crossclaim*.so"))
        if not built:
            sys.exit(f"crossclaim: no _crossclaim*.so in {build_dir}/python/crossclaim")
        target = pathlib.Path(self.get_ext_fullpath(ext.name))
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(built[0], target)


setup(ext_modules=[CMakeExtension("crossclaim._crossclaim")], cmdclass={"build_ext": CMakeBuild})
